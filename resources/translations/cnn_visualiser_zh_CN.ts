<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccuracyPlot</name>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>epoch (log)</source>
        <translation>训练轮次（对数）</translation>
    </message>
    <message>
        <source>dashed: chance 1/{0} = {1:.0%}</source>
        <translation>虚线：随机猜测 1/{0} = {1:.0%}</translation>
    </message>
    <message>
        <source>;  red: the epoch shown</source>
        <translation>；  红线：显示的轮次</translation>
    </message>
    <message>
        <source>being measured</source>
        <translation>正在测量</translation>
    </message>
    <message>
        <source>accuracy on the training set: {last} at epoch {0:,} (best {1:.1%});  {chance}</source>
        <translation>训练集上的准确率：第 {0:,} 轮为 {last}（最好 {1:.1%}）；  {chance}</translation>
    </message>
</context>
<context>
    <name>ActivationExplorer</name>
    <message>
        <source>{n} dropped (dropout): no gradient reaches its weights this step</source>
        <translation>{n} 被丢弃（Dropout）：这一步没有梯度到达它的权重</translation>
    </message>
    <message>
        <source>{n} dead: z = {0} ≤ 0, {prime} = 0 — no gradient flows through it</source>
        <translation>{n} 已“死亡”：z = {0} ≤ 0，{prime} = 0 —— 没有梯度从它流过</translation>
    </message>
    <message>
        <source>{n} on the leaky side: z = {0} &lt; 0, f′ = {1} — it learns slowly</source>
        <translation>{n} 在泄漏一侧：z = {0} &lt; 0，f′ = {1} —— 它学得很慢</translation>
    </message>
    <message>
        <source>{n} saturated: {prime} = {0} — its weights barely learn</source>
        <translation>{n} 已饱和：{prime} = {0} —— 它的权重几乎学不动</translation>
    </message>
    <message>
        <source>z (the node&apos;s input C_in)</source>
        <translation>z（节点的输入 C_in）</translation>
    </message>
    <message>
        <source>activation C = {sym}(z) = {0}</source>
        <translation>激活函数 C = {sym}(z) = {0}</translation>
    </message>
    <message>
        <source>derivative {prime}(z) = {0}  (a = C)</source>
        <translation>导数 {prime}(z) = {0}  （a = C）</translation>
    </message>
    <message>
        <source>C = f(z)</source>
        <translation>C = f(z)</translation>
    </message>
    <message>
        <source>f′(z)</source>
        <translation>f′(z)</translation>
    </message>
    <message>
        <source>markers, this sample: </source>
        <translation>标记，当前样本：</translation>
    </message>
    <message>
        <source>markers: the {0} feature-map nodes at this sample&apos;s z</source>
        <translation>标记：{0} 个特征图节点在当前样本的 z 处</translation>
    </message>
    <message>
        <source>every feature-map node is in the responsive part of its activation</source>
        <translation>每个特征图节点都处在其激活函数的敏感区域</translation>
    </message>
</context>
<context>
    <name>ArchitectureView</name>
    <message>
        <source>Architecture</source>
        <translation>网络结构</translation>
    </message>
    <message>
        <source>input {0}</source>
        <translation>输入 {0}</translation>
    </message>
</context>
<context>
    <name>BeyondChapter</name>
    <message>
        <source>Race &amp;optimisers…</source>
        <translation>优化器比赛(&amp;O)…</translation>
    </message>
    <message>
        <source>Train gd, momentum, Adam and gd with a decaying η from the same start and overlay their loss curves.</source>
        <translation>从同一起点分别用 gd、动量、Adam 和 η 衰减的 gd 训练，并叠加它们的损失曲线。</translation>
    </message>
    <message>
        <source>Send &amp;kernel to Image lab</source>
        <translation>把卷积核送到图像实验室(&amp;K)</translation>
    </message>
    <message>
        <source>Filter the image lab&apos;s picture with the shown network&apos;s first kernel, across and down.</source>
        <translation>用当前网络的第一个卷积核，沿横向和纵向对图像实验室中的图片滤波。</translation>
    </message>
    <message>
        <source>E&amp;xport step…</source>
        <translation>导出这一步(&amp;X)…</translation>
    </message>
    <message>
        <source>Save the stepped sample&apos;s sub-steps with their numbers as CSV or LaTeX.</source>
        <translation>把逐步演示样本的各个子步骤及其数值保存为 CSV 或 LaTeX。</translation>
    </message>
    <message>
        <source>Network &amp;shape</source>
        <translation>网络形状(&amp;S)</translation>
    </message>
    <message>
        <source>Show the shape editor (inputs, kernels, stride, dropout).</source>
        <translation>显示形状编辑器（输入、卷积核、步幅、Dropout）。</translation>
    </message>
    <message>
        <source>S&amp;top conditions</source>
        <translation>停止条件(&amp;T)</translation>
    </message>
    <message>
        <source>Show the stop conditions (loss ε, weight).</source>
        <translation>显示停止条件（损失 ε、权重）。</translation>
    </message>
    <message>
        <source>&amp;Gradient check</source>
        <translation>梯度检验(&amp;G)</translation>
    </message>
    <message>
        <source>Show backprop&apos;s gradients beside finite differences.</source>
        <translation>把反向传播的梯度与有限差分并排显示。</translation>
    </message>
    <message>
        <source>&amp;Activation explorer</source>
        <translation>激活函数探索(&amp;A)</translation>
    </message>
    <message>
        <source>Show f(z) and f′(z) with each feature-map node&apos;s operating point.</source>
        <translation>显示 f(z) 和 f′(z)，以及每个特征图节点的工作点。</translation>
    </message>
    <message>
        <source>Shape not applied: {0}</source>
        <translation>形状未应用：{0}</translation>
    </message>
    <message>
        <source>New shape: {0}. {note}</source>
        <translation>新的形状：{0}。{note}</translation>
    </message>
    <message>
        <source>The race cannot use this problem: {exc}</source>
        <translation>比赛不能使用这个问题：{exc}</translation>
    </message>
    <message>
        <source>Optimisers side by side</source>
        <translation>优化器并排比较</translation>
    </message>
    <message>
        <source>Cannot send the kernel: {exc}</source>
        <translation>无法发送卷积核：{exc}</translation>
    </message>
    <message>
        <source>Sent {0}–{1} (epoch {2}) to the Image lab as learned-h and learned-v.</source>
        <translation>已把 {0}–{1}（第 {2} 轮）作为“学到的-横向”和“学到的-纵向”送到图像实验室。</translation>
    </message>
    <message>
        <source>Step a sample first (Step sample, →), then export its numbers.</source>
        <translation>请先单步一个样本（“单步样本”，→），再导出它的数值。</translation>
    </message>
    <message>
        <source>Export step</source>
        <translation>导出这一步</translation>
    </message>
    <message>
        <source>Could not export the step to {path}: {0}</source>
        <translation>无法把这一步导出到 {path}：{0}</translation>
    </message>
    <message>
        <source>Exported {0} sub-steps to {1}.</source>
        <translation>已把 {0} 个子步骤导出到 {1}。</translation>
    </message>
</context>
<context>
    <name>Choices</name>
    <message>
        <source>gd</source>
        <translation>梯度下降 (gd)</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>动量 (momentum)</translation>
    </message>
    <message>
        <source>adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>批量 (batch)</translation>
    </message>
    <message>
        <source>sgd</source>
        <translation>随机梯度下降 (sgd)</translation>
    </message>
    <message>
        <source>minibatch</source>
        <translation>小批量 (minibatch)</translation>
    </message>
    <message>
        <source>chapter</source>
        <translation>本章 (chapter)</translation>
    </message>
    <message>
        <source>xavier</source>
        <translation>Xavier</translation>
    </message>
    <message>
        <source>he</source>
        <translation>He</translation>
    </message>
    <message>
        <source>sigmoid</source>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <source>tanh</source>
        <translation>tanh</translation>
    </message>
    <message>
        <source>relu</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>leaky_relu</source>
        <translation>Leaky ReLU</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>grey</source>
        <translation>灰度</translation>
    </message>
    <message>
        <source>rgb</source>
        <translation>RGB</translation>
    </message>
</context>
<context>
    <name>ChunkedRunner</name>
    <message>
        <source>Training stopped: {exc}</source>
        <translation>训练已停止：{exc}</translation>
    </message>
</context>
<context>
    <name>ClassificationViews</name>
    <message>
        <source>class {i}</source>
        <translation>类别 {i}</translation>
    </message>
</context>
<context>
    <name>CnnCurves</name>
    <message>
        <source>Validation accuracy –</source>
        <translation>验证准确率 –</translation>
    </message>
    <message>
        <source>epoch {0}</source>
        <translation>第 {0} 轮</translation>
    </message>
    <message>
        <source>, recorded</source>
        <translation>，已记录</translation>
    </message>
    <message>
        <source> + {0} batches</source>
        <translation> + {0} 个批次</translation>
    </message>
    <message>
        <source>Validation accuracy {0} % ({where})</source>
        <translation>验证准确率 {0} %（{where}）</translation>
    </message>
</context>
<context>
    <name>CnnExplain</name>
    <message>
        <source>Layer {0} ({1})</source>
        <translation>第 {0} 层（{1}）</translation>
    </message>
    <message>
        <source>{head}, map {0}, cell (row {1}, column {2}) = {3}</source>
        <translation>{head}，特征图 {0}，单元（第 {1} 行，第 {2} 列）= {3}</translation>
    </message>
    <message>
        <source>receptive field: {where}</source>
        <translation>感受野：{where}</translation>
    </message>
    <message>
        <source>window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>× kernel</source>
        <translation>× 卷积核</translation>
    </message>
    <message>
        <source>Σ window·kernel over {0} input channels = {1}</source>
        <translation>{0} 个输入通道上的 Σ 窗口·卷积核 = {1}</translation>
    </message>
    <message>
        <source>Σ window·kernel = {0}</source>
        <translation>Σ 窗口·卷积核 = {0}</translation>
    </message>
    <message>
        <source>reads rows {0}–{1}, columns {2}–{3} of the layer before</source>
        <translation>读取前一层的第 {0}–{1} 行、第 {2}–{3} 列</translation>
    </message>
    <message>
        <source>max of the {k}×{k} window = {v}</source>
        <translation>{k}×{k} 窗口的最大值 = {v}</translation>
    </message>
    <message>
        <source>mean of the {k}×{k} window = {v}</source>
        <translation>{k}×{k} 窗口的平均值 = {v}</translation>
    </message>
    <message>
        <source>dropout passes {0} through unchanged when not training</source>
        <translation>不训练时，Dropout 把 {0} 原样传过去</translation>
    </message>
    <message>
        <source>{head}, unit {0} = {1}</source>
        <translation>{head}，单元 {0} = {1}</translation>
    </message>
    <message>
        <source>z = Σ x·W + b over {0} inputs = {1} + {2} = {3}</source>
        <translation>z = 对 {0} 个输入求 Σ x·W + b = {1} + {2} = {3}</translation>
    </message>
    <message>
        <source>largest terms: {0}</source>
        <translation>最大的几项：{0}</translation>
    </message>
    <message>
        <source>receptive field: the whole input image</source>
        <translation>感受野：整张输入图像</translation>
    </message>
</context>
<context>
    <name>CnnFileHooks</name>
    <message>
        <source>Could not save {path}: {reason}</source>
        <translation>无法保存 {path}：{reason}</translation>
    </message>
    <message>
        <source>&amp;CNN on images</source>
        <translation>图像上的 CNN(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Kernels as PNG or SVG…</source>
        <translation>卷积核，PNG 或 SVG(&amp;K)…</translation>
    </message>
    <message>
        <source>Save every conv layer&apos;s kernels, as drawn, as a picture or a drawing.</source>
        <translation>把每个卷积层的卷积核按所画的样子保存为图片或矢量图。</translation>
    </message>
    <message>
        <source>&amp;Feature maps as PNG or SVG…</source>
        <translation>特征图，PNG 或 SVG(&amp;F)…</translation>
    </message>
    <message>
        <source>Save the picked image&apos;s feature maps, every layer, as a picture or a drawing.</source>
        <translation>把所选图像每一层的特征图保存为图片或矢量图。</translation>
    </message>
    <message>
        <source>Learning &amp;curves as PNG or SVG…</source>
        <translation>学习曲线，PNG 或 SVG(&amp;C)…</translation>
    </message>
    <message>
        <source>Save the loss and accuracy curves as a picture or a drawing.</source>
        <translation>把损失和准确率曲线保存为图片或矢量图。</translation>
    </message>
    <message>
        <source>Learning curves&apos; &amp;numbers as CSV…</source>
        <translation>学习曲线的数值，CSV(&amp;N)…</translation>
    </message>
    <message>
        <source>Write the training and validation loss and accuracy of every epoch on the curves to a CSV.</source>
        <translation>把曲线上每一轮的训练与验证损失和准确率写入 CSV。</translation>
    </message>
    <message>
        <source>Export the kernels</source>
        <translation>导出卷积核</translation>
    </message>
    <message>
        <source>Export the feature maps</source>
        <translation>导出特征图</translation>
    </message>
    <message>
        <source>Export the learning curves</source>
        <translation>导出学习曲线</translation>
    </message>
    <message>
        <source>Export the learning curves&apos; numbers</source>
        <translation>导出学习曲线的数值</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>the kernels</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <source>the feature maps</source>
        <translation>特征图</translation>
    </message>
    <message>
        <source>the learning curves</source>
        <translation>学习曲线</translation>
    </message>
    <message>
        <source>the learning curves&apos; numbers</source>
        <translation>学习曲线的数值</translation>
    </message>
    <message>
        <source>no epoch is on the curves yet</source>
        <translation>曲线上还没有任何一轮</translation>
    </message>
    <message>
        <source>Could not export {what}: {reason}</source>
        <translation>无法导出{what}：{reason}</translation>
    </message>
    <message>
        <source>Exported {what} to {name}.</source>
        <translation>已把{what}导出到 {name}。</translation>
    </message>
</context>
<context>
    <name>CnnPanels</name>
    <message>
        <source>Architecture</source>
        <translation>网络结构</translation>
    </message>
    <message>
        <source>Kernels, feature maps and step-through</source>
        <translation>卷积核、特征图与逐步演示</translation>
    </message>
    <message>
        <source>Maps and the hovered cell&apos;s sum</source>
        <translation>特征图与悬停单元的加权和</translation>
    </message>
    <message>
        <source>Kernels and feature maps</source>
        <translation>卷积核与特征图</translation>
    </message>
    <message>
        <source>Step-through</source>
        <translation>逐步演示</translation>
    </message>
    <message>
        <source>Errors and data</source>
        <translation>错误与数据</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Draw a digit</source>
        <translation>手写数字</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>CNN tab panels</source>
        <translation>CNN 选项卡的面板</translation>
    </message>
</context>
<context>
    <name>CnnSteps</name>
    <message>
        <source>, stride {0}</source>
        <translation>，步幅 {0}</translation>
    </message>
    <message>
        <source>, pad {0}</source>
        <translation>，填充 {0}</translation>
    </message>
    <message>
        <source>conv {n}@{k}×{k}{extra} → {out}</source>
        <translation>卷积 {n}@{k}×{k}{extra} → {out}</translation>
    </message>
    <message>
        <source>maxpool {k}{stride} → {out}</source>
        <translation>最大池化 {k}{stride} → {out}</translation>
    </message>
    <message>
        <source>avgpool {k}{stride} → {out}</source>
        <translation>平均池化 {k}{stride} → {out}</translation>
    </message>
    <message>
        <source>dense {0}</source>
        <translation>全连接 {0}</translation>
    </message>
    <message>
        <source>dropout {0} → {out}</source>
        <translation>Dropout {0} → {out}</translation>
    </message>
    <message>
        <source>values from {0} to {1}</source>
        <translation>数值从 {0} 到 {1}</translation>
    </message>
    <message>
        <source>the image</source>
        <translation>该图像</translation>
    </message>
    <message>
        <source>the label</source>
        <translation>该标签</translation>
    </message>
    <message>
        <source>Input: the {where} image {0}</source>
        <translation>输入：{where}图像 {0}</translation>
    </message>
    <message>
        <source>{0} pixels, {1}; its class is {2}.</source>
        <translation>{0} 像素，{1}；它的类别是 {2}。</translation>
    </message>
    <message>
        <source>predicted {0} with p = {1}</source>
        <translation>预测为 {0}，p = {1}</translation>
    </message>
    <message>
        <source>Forward {0} of {1}: {2}</source>
        <translation>前向传播 {0}/{1}：{2}</translation>
    </message>
    <message>
        <source>Loss: cross-entropy of the true class</source>
        <translation>损失：真实类别的交叉熵</translation>
    </message>
    <message>
        <source>loss = −ln p[{0}] = −ln {1} = {2}</source>
        <translation>损失 = −ln p[{0}] = −ln {1} = {2}</translation>
    </message>
    <message>
        <source>δ = ∂loss/∂(output of {0}), {1}: {2}</source>
        <translation>δ = ∂损失/∂（{0} 的输出），{1}：{2}</translation>
    </message>
    <message>
        <source>Backward: δ at layer {0} ({1})</source>
        <translation>反向传播：第 {0} 层的 δ（{1}）</translation>
    </message>
    <message>
        <source>Weight sharing: one kernel weight&apos;s gradient</source>
        <translation>权重共享：一个卷积核权重的梯度</translation>
    </message>
    <message>
        <source>One term per output position: input pixel × δ. Click a kernel weight to choose another.</source>
        <translation>每个输出位置贡献一项：输入像素 × δ。点击一个卷积核权重可换成另一个。</translation>
    </message>
</context>
<context>
    <name>CnnToolbars</name>
    <message>
        <source>flat out</source>
        <translation>全速</translation>
    </message>
    <message>
        <source>{0} batches/s</source>
        <translation>{0} 批/秒</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Train continuously; press again to pause</source>
        <translation>连续训练；再按一次暂停</translation>
    </message>
    <message>
        <source>Step batch</source>
        <translation>单步一批</translation>
    </message>
    <message>
        <source>Train on one batch of images</source>
        <translation>用一批图像训练一次</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>New weights from the seed; forget the run</source>
        <translation>按随机种子重新生成权重；丢弃本次训练</translation>
    </message>
    <message>
        <source>Open image folder…</source>
        <translation>打开图像文件夹…</translation>
    </message>
    <message>
        <source>Train on your own images: a folder with one sub-folder per class</source>
        <translation>用你自己的图像训练：一个文件夹，每个类别一个子文件夹</translation>
    </message>
    <message>
        <source>Training speed</source>
        <translation>训练速度</translation>
    </message>
    <message>
        <source>Training speed from 1 batch a second (left) to flat out (right).</source>
        <translation>训练速度，从每秒 1 批（左）到全速（右）。</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Epoch limit</source>
        <translation>训练轮次上限</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>无上限</translation>
    </message>
    <message>
        <source> epochs</source>
        <translation> 轮</translation>
    </message>
    <message>
        <source>Playing stops after this many epochs (0: no limit).</source>
        <translation>播放训练到这么多轮后停止（0：无上限）。</translation>
    </message>
    <message>
        <source>Optimiser</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Learning rate η</source>
        <translation>学习率 η</translation>
    </message>
    <message>
        <source>Learning rate η (a number &gt; 0); Enter applies it and starts again.</source>
        <translation>学习率 η（大于 0 的数）；按 Enter 应用并重新开始训练。</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Digits (8×8)</source>
        <translation>手写数字（8×8）</translation>
    </message>
    <message>
        <source>The bundled handwritten digits, or a folder you opened.</source>
        <translation>自带的手写数字，或你打开的文件夹。</translation>
    </message>
    <message>
        <source>Image size for folders</source>
        <translation>文件夹图像的尺寸</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>A folder&apos;s images are resized to this many pixels a side.</source>
        <translation>文件夹中的图像会缩放为每边这么多像素。</translation>
    </message>
    <message>
        <source>Colour for folders</source>
        <translation>文件夹图像的颜色</translation>
    </message>
    <message>
        <source>A folder&apos;s images as greyscale or RGB (auto: RGB if any has colour).</source>
        <translation>文件夹中的图像按灰度还是 RGB 读取（自动：只要有一张是彩色就用 RGB）。</translation>
    </message>
    <message>
        <source>CNN training</source>
        <translation>CNN 训练</translation>
    </message>
    <message>
        <source>CNN training toolbar</source>
        <translation>CNN 训练工具栏</translation>
    </message>
    <message>
        <source> Speed </source>
        <translation> 速度 </translation>
    </message>
    <message>
        <source> Stop after </source>
        <translation> 停止于 </translation>
    </message>
    <message>
        <source> Optimiser </source>
        <translation> 优化器 </translation>
    </message>
    <message>
        <source> Batch </source>
        <translation> 批量 </translation>
    </message>
    <message>
        <source> Seed </source>
        <translation> 种子 </translation>
    </message>
    <message>
        <source>CNN data</source>
        <translation>CNN 数据</translation>
    </message>
    <message>
        <source>CNN data toolbar</source>
        <translation>CNN 数据工具栏</translation>
    </message>
    <message>
        <source> Data set </source>
        <translation> 数据集 </translation>
    </message>
    <message>
        <source> size </source>
        <translation> 尺寸 </translation>
    </message>
    <message>
        <source> colour </source>
        <translation> 颜色 </translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>η: {text!r} is not a number</source>
        <translation>η：{text!r} 不是一个数</translation>
    </message>
    <message>
        <source>η must be a finite number &gt; 0</source>
        <translation>η 必须是大于 0 的有限数</translation>
    </message>
</context>
<context>
    <name>CnnWorkspace</name>
    <message>
        <source>{n:,} images of {h}×{w} in {k} classes, from the workspace ({train:,} training, {val:,} validation)</source>
        <translation>来自工作区的 {n:,} 张 {h}×{w} 图像，共 {k} 类（训练 {train:,} 张，验证 {val:,} 张）</translation>
    </message>
    <message>
        <source>Opened from the workspace: training goes on from here, exactly as it would have.</source>
        <translation>已从工作区打开：训练从这里继续，与未中断时完全相同。</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrixView</name>
    <message>
        <source>true class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>predicted class</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>true {0}, predicted {1}: {n} of {2}</source>
        <translation>真实 {0}，预测 {1}：{2} 个中的 {n} 个</translation>
    </message>
    <message>
        <source>confusion matrix: {0} of {n_total} right ({1:.1%}); row = true class, column = predicted, diagonal = correct</source>
        <translation>混淆矩阵：{n_total} 个中对了 {0} 个（{1:.1%}）；行 = 真实类别，列 = 预测类别，对角线 = 正确</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>样本数</translation>
    </message>
</context>
<context>
    <name>ConfusionView</name>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>{0} of {1} right</source>
        <translation>{1} 个中对了 {0} 个</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>true</source>
        <translation>真实</translation>
    </message>
</context>
<context>
    <name>CurveBuilder</name>
    <message>
        <source>image {0}: target {t:g}</source>
        <translation>图像 {0}：目标 {t:g}</translation>
    </message>
    <message>
        <source>target y</source>
        <translation>目标 y</translation>
    </message>
    <message>
        <source>image {0}</source>
        <translation>图像 {0}</translation>
    </message>
    <message>
        <source>(dashed: its label)</source>
        <translation>（虚线：它的标签）</translation>
    </message>
    <message>
        <source>{what} of images 1–{shown} of {n:,} — one colour each; dashed: its label</source>
        <translation>{n:,} 张图像中第 1–{shown} 张的 {what} —— 每张一种颜色；虚线：它的标签</translation>
    </message>
    <message>
        <source>{0} kernels of {k}</source>
        <translation>{0} 个尺寸为 {k} 的卷积核</translation>
    </message>
    <message>
        <source>mean loss over the data set</source>
        <translation>整个数据集上的平均损失</translation>
    </message>
    <message>
        <source>loss (cross-entropy)</source>
        <translation>损失（交叉熵）</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>min–max of all {0}</source>
        <translation>全部 {0} 个的最小–最大值</translation>
    </message>
    <message>
        <source>colour by place in the kernel, line style by kernel</source>
        <translation>颜色表示在卷积核中的位置，线型表示哪个卷积核</translation>
    </message>
    <message>
        <source>one colour each</source>
        <translation>每个一种颜色</translation>
    </message>
    <message>
        <source>; {hidden} more as a min–max band</source>
        <translation>；另有 {hidden} 个画成最小–最大带</translation>
    </message>
    <message>
        <source>{n} weights {first}…{last}: {kinds}{extra}; biases in the text colour</source>
        <translation>{n} 个权重 {first}…{last}：{kinds}{extra}；偏置用文字颜色</translation>
    </message>
    <message>
        <source>{n} weights {first}…{last}: {kinds}{extra}; biases in text-coloured lines</source>
        <translation>{n} 个权重 {first}…{last}：{kinds}{extra}；偏置用文字颜色的线</translation>
    </message>
</context>
<context>
    <name>CurvesView</name>
    <message>
        <source>Learning curves</source>
        <translation>学习曲线</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>Loss (cross-entropy)</source>
        <translation>损失（交叉熵）</translation>
    </message>
    <message>
        <source>Accuracy (%)</source>
        <translation>准确率（%）</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>训练轮次</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证集</translation>
    </message>
</context>
<context>
    <name>DataPreview</name>
    <message>
        <source>Data set preview</source>
        <translation>数据集预览</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>The data: each image as a line over x = 1…n, coloured by image.</source>
        <translation>数据：每张图像画成 x = 1…n 上的一条线，每张一种颜色。</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>没有数据</translation>
    </message>
    <message>
        <source>; {shown} of {n} drawn</source>
        <translation>；画出了 {n} 张中的 {shown} 张</translation>
    </message>
    <message>
        <source>1 image of {width} values{more}</source>
        <translation>1 张图像，每张 {width} 个值{more}</translation>
    </message>
    <message>
        <source>{n} images of {width} values{more}</source>
        <translation>{n} 张图像，每张 {width} 个值{more}</translation>
    </message>
    <message>
        <source>{head}; label y: {labels}</source>
        <translation>{head}；标签 y：{labels}</translation>
    </message>
    <message>
        <source>{head}; labels y: {labels}</source>
        <translation>{head}；标签 y：{labels}</translation>
    </message>
    <message>
        <source>{head}; one colour per image</source>
        <translation>{head}；每张图像一种颜色</translation>
    </message>
</context>
<context>
    <name>DataRows</name>
    <message>
        <source>1 — one sample (chapter)</source>
        <translation>1 —— 一个样本（本章）</translation>
    </message>
    <message>
        <source>2 — the chapter&apos;s 10 images</source>
        <translation>2 —— 本章的 10 张图像</translation>
    </message>
    <message>
        <source>synthetic images</source>
        <translation>合成图像</translation>
    </message>
    <message>
        <source>3 classes (slope down/flat/up)</source>
        <translation>3 个类别（下降 / 平坦 / 上升）</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV 文件</translation>
    </message>
    <message>
        <source>inputs: enter at least two numbers, e.g. 0.1, 0.2, 0.3, 0.4, 0.5</source>
        <translation>输入：请至少输入两个数，例如 0.1, 0.2, 0.3, 0.4, 0.5</translation>
    </message>
    <message>
        <source>input X{0}</source>
        <translation>输入 X{0}</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>实验</translation>
    </message>
    <message>
        <source>Which data to train on: the chapter&apos;s sample, its 10 images, new images or a CSV file.</source>
        <translation>用哪些数据训练：本章的样本、本章的 10 张图像、新生成的图像，或一个 CSV 文件。</translation>
    </message>
    <message>
        <source>Inputs X</source>
        <translation>输入 X</translation>
    </message>
    <message>
        <source>Experiment 1&apos;s input values I1…I5, separated by commas.</source>
        <translation>实验 1 的输入值 I1…I5，用逗号分隔。</translation>
    </message>
    <message>
        <source>Target y</source>
        <translation>目标 y</translation>
    </message>
    <message>
        <source>The target ŷ should reach.</source>
        <translation>ŷ 应该达到的目标值。</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新的</translation>
    </message>
    <message>
        <source>Draw a new set of images (the next seed).</source>
        <translation>生成一组新的图像（下一个种子）。</translation>
    </message>
    <message>
        <source>Data seed</source>
        <translation>数据种子</translation>
    </message>
    <message>
        <source>Seed of the random slopes and noise (14 gives the chapter&apos;s images).</source>
        <translation>随机斜率和噪声的种子（取 14 得到本章的图像）。</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Half-width of the uniform noise added to each value (chapter: 0.3).</source>
        <translation>加到每个值上的均匀噪声的半宽（本章：0.3）。</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <source>How many synthetic images to draw.</source>
        <translation>生成多少张合成图像。</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>载入…</translation>
    </message>
    <message>
        <source>no file</source>
        <translation>没有文件</translation>
    </message>
    <message>
        <source>A CSV file: each row the inputs then the label; a header row is allowed.</source>
        <translation>CSV 文件：每行先是输入值，然后是标签；可以有表头行。</translation>
    </message>
    <message>
        <source>inputs: the network has {n} inputs; enter {n} numbers</source>
        <translation>输入：网络有 {n} 个输入；请输入 {n} 个数</translation>
    </message>
    <message>
        <source>target y</source>
        <translation>目标 y</translation>
    </message>
    <message>
        <source>load a CSV file first</source>
        <translation>请先载入一个 CSV 文件</translation>
    </message>
    <message>
        <source>the file&apos;s rows have {0} inputs but the network has {n}: set Inputs to {1} in the Shape tab</source>
        <translation>文件每行有 {0} 个输入，而网络有 {n} 个：请在“形状”选项卡中把“输入”设为 {1}</translation>
    </message>
    <message>
        <source>{0}: {1} values per row; the window draws networks of 3–{MAX_INPUTS} inputs (the command line trains any width)</source>
        <translation>{0}：每行 {1} 个值；窗口只能画 3–{MAX_INPUTS} 个输入的网络（命令行可以训练任意宽度）</translation>
    </message>
    <message>
        <source>{0}: {1} rows × {2} inputs</source>
        <translation>{0}：{1} 行 × {2} 个输入</translation>
    </message>
    <message>
        <source>Load a data set</source>
        <translation>载入数据集</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>DiagramLegend</name>
    <message>
        <source>some labels hidden — hover for values</source>
        <translation>部分标签已隐藏 —— 悬停可查看数值</translation>
    </message>
    <message>
        <source>Diagram legend</source>
        <translation>网络图图例</translation>
    </message>
    <message>
        <source>{names} (kernel weight {i})</source>
        <translation>{names}（卷积核第 {i} 个权重）</translation>
    </message>
    <message>
        <source>… {k} kernel colours</source>
        <translation>… 共 {k} 种卷积核颜色</translation>
    </message>
    <message>
        <source>λ / bias &gt; 0</source>
        <translation>λ / 偏置 &gt; 0</translation>
    </message>
    <message>
        <source>λ / bias &lt; 0</source>
        <translation>λ / 偏置 &lt; 0</translation>
    </message>
    <message>
        <source>dashed: negative weight</source>
        <translation>虚线：负权重</translation>
    </message>
    <message>
        <source>width ∝ |weight|</source>
        <translation>线宽 ∝ |权重|</translation>
    </message>
    <message>
        <source>fill: node value (colour bar)</source>
        <translation>填充色：节点值（见色条）</translation>
    </message>
    <message>
        <source>0: zero padding</source>
        <translation>0：零填充</translation>
    </message>
    <message>
        <source>greyed: dropped</source>
        <translation>灰色：已丢弃</translation>
    </message>
</context>
<context>
    <name>DiagramText</name>
    <message>
        <source>← target class</source>
        <translation>← 目标类别</translation>
    </message>
    <message>
        <source>{value} (dropped)</source>
        <translation>{value}（已丢弃）</translation>
    </message>
    <message>
        <source>Zero padding: a ghost input that is always 0 (it adds nothing to the sum)</source>
        <translation>零填充：恒为 0 的虚拟输入（对加权和没有贡献）</translation>
    </message>
    <message>
        <source>{name} — input node</source>
        <translation>{name} —— 输入节点</translation>
    </message>
    <message>
        <source>value x{n} = {value}</source>
        <translation>值 x{n} = {value}</translation>
    </message>
    <message>
        <source>{name} — feature-map node ({activation})</source>
        <translation>{name} —— 特征图节点（{activation}）</translation>
    </message>
    <message>
        <source>input sum {name}_in = {terms} = {value}</source>
        <translation>加权和 {name}_in = {terms} = {value}</translation>
    </message>
    <message>
        <source>activation {name} = {activation}({name}_in) = {value}</source>
        <translation>激活值 {name} = {activation}({name}_in) = {value}</translation>
    </message>
    <message>
        <source>{name} — output node (linear)</source>
        <translation>{name} —— 输出节点（线性）</translation>
    </message>
    <message>
        <source>{name} — output node (softmax)</source>
        <translation>{name} —— 输出节点（softmax）</translation>
    </message>
    <message>
        <source>input sum {name}_in = {value}</source>
        <translation>加权和 {name}_in = {value}</translation>
    </message>
    <message>
        <source>activation {symbol} = {name} = {value}</source>
        <translation>激活值 {symbol} = {name} = {value}</translation>
    </message>
    <message>
        <source>σ′ = 1 (identity)</source>
        <translation>σ′ = 1（恒等）</translation>
    </message>
    <message>
        <source>σ′: softmax (δ = p − one-hot)</source>
        <translation>σ′：softmax（δ = p − one-hot）</translation>
    </message>
    <message>
        <source>target y = {value}</source>
        <translation>目标 y = {value}</translation>
    </message>
    <message>
        <source>target class {0}</source>
        <translation>目标类别 {0}</translation>
    </message>
    <message>
        <source>dropped (dropout): treated as 0 in this step</source>
        <translation>已丢弃（dropout）：这一步按 0 计算</translation>
    </message>
    <message>
        <source>0 (padding)</source>
        <translation>0（填充）</translation>
    </message>
    <message>
        <source>weight {name} = {value} (shared by {uses})</source>
        <translation>权重 {name} = {value}（由 {uses} 共享）</translation>
    </message>
    <message>
        <source>∂P/∂{name} = Σ input·δ over positions = {value}</source>
        <translation>∂P/∂{name} = Σ 输入·δ（对所有位置求和）= {value}</translation>
    </message>
    <message>
        <source>  this edge: {term} = {product} = {value}</source>
        <translation>  这条边：{term} = {product} = {value}</translation>
    </message>
    <message>
        <source>weight {name} = {value}</source>
        <translation>权重 {name} = {value}</translation>
    </message>
    <message>
        <source>gradient ∂P/∂{name} = {value}</source>
        <translation>梯度 ∂P/∂{name} = {value}</translation>
    </message>
    <message>
        <source>last update Δ{name} = {value}</source>
        <translation>上次更新 Δ{name} = {value}</translation>
    </message>
    <message>
        <source>last update: none yet</source>
        <translation>上次更新：尚无</translation>
    </message>
    <message>
        <source>σ′ · Σ λ·δ(output)</source>
        <translation>σ′ · Σ λ·δ(输出)</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>How to read the window</source>
        <translation>如何阅读本窗口</translation>
    </message>
    <message>
        <source>The sample images&apos; licence note is missing from this installation.</source>
        <translation>本安装中缺少示例图像的许可说明。</translation>
    </message>
    <message>
        <source>Watch the hand-made 1D convolutional network of Pyrcz, *Applied Machine Learning in Python*, chapter &quot;Convolutional Neural Networks&quot; (2024), learn — one sample, one sub-step at a time — try 2D filters in the Image lab, and watch a small 2D CNN learn to read handwritten digits.</source>
        <translation>观察 Pyrcz《Applied Machine Learning in Python》中“卷积神经网络”（Convolutional Neural Networks，2024）一章手工搭建的一维卷积网络如何学习——一次一个样本、一次一个子步骤；在图像实验室中尝试二维滤波；再看一个小型二维 CNN 学习识别手写数字。</translation>
    </message>
    <message>
        <source>Built with Qt for Python (PySide6, LGPLv3), pyqtgraph (MIT) and NumPy (BSD).</source>
        <translation>使用 Qt for Python（PySide6，LGPLv3）、pyqtgraph（MIT）和 NumPy（BSD）构建。</translation>
    </message>
    <message>
        <source>Handwritten digits: {credit}.</source>
        <translation>手写数字：{credit}。</translation>
    </message>
    <message>
        <source>About CNN Visualiser</source>
        <translation>关于 CNN Visualiser</translation>
    </message>
</context>
<context>
    <name>DrawCanvas</name>
    <message>
        <source>Draw a digit</source>
        <translation>手写数字</translation>
    </message>
    <message>
        <source>Draw with the left mouse button; Delete, Backspace or C clears.</source>
        <translation>按住鼠标左键书写；Delete、Backspace 或 C 清除。</translation>
    </message>
    <message>
        <source>the input, {h}×{w}</source>
        <translation>输入，{h}×{w}</translation>
    </message>
    <message>
        <source>
4×4 counts ÷ 16</source>
        <translation>
4×4 计数 ÷ 16</translation>
    </message>
    <message>
        <source>Draw a digit here
(large, filling the box)</source>
        <translation>在这里写一个数字
（写大一些，填满方框）</translation>
    </message>
</context>
<context>
    <name>EquationsPanel</name>
    <message>
        <source>Which click of the step-through this equation is.</source>
        <translation>这个公式是逐步演示的第几次点击。</translation>
    </message>
    <message>
        <source>The equation of the highlighted part of the network, with the live numbers.</source>
        <translation>网络中高亮部分的公式，代入了当前的数值。</translation>
    </message>
    <message>
        <source>{title} — epoch {epoch}</source>
        <translation>{title} —— 第 {epoch} 轮</translation>
    </message>
    <message>
        <source>step {0} of {1}</source>
        <translation>第 {0}/{1} 步</translation>
    </message>
    <message>
        <source> (recorded)</source>
        <translation>（已记录）</translation>
    </message>
    <message>
        <source>Forward pass of sample {0} — epoch {1}{live}</source>
        <translation>样本 {0} 的前向传播 —— 第 {1} 轮{live}</translation>
    </message>
    <message>
        <source>loss = {0}</source>
        <translation>损失 = {0}</translation>
    </message>
</context>
<context>
    <name>ExperimentPanel</name>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>learning rate: must be greater than 0</source>
        <translation>学习率：必须大于 0</translation>
    </message>
    <message>
        <source>learning rate: at most {MAX_LR:g}</source>
        <translation>学习率：最大为 {MAX_LR:g}</translation>
    </message>
    <message>
        <source>Learning rate η</source>
        <translation>学习率 η</translation>
    </message>
    <message>
        <source>Step size η of gradient descent: &gt; 0 and ≤ {MAX_LR:g}.</source>
        <translation>梯度下降的步长 η：&gt; 0 且 ≤ {MAX_LR:g}。</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>无上限</translation>
    </message>
    <message>
        <source>Epoch limit</source>
        <translation>训练轮次上限</translation>
    </message>
    <message>
        <source>Training pauses after this many epochs (0 = no limit); the chapter runs 1000.</source>
        <translation>训练到这么多轮后暂停（0 = 无上限）；本章训练 1000 轮。</translation>
    </message>
    <message>
        <source>Weight seed</source>
        <translation>权重种子</translation>
    </message>
    <message>
        <source>Seed of the initial weights (13 gives the chapter&apos;s).</source>
        <translation>初始权重的种子（取 13 得到本章的权重）。</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>batch: update once per epoch on the mean gradient (chapter); sgd: after every sample; minibatch: after every batch.</source>
        <translation>batch：每轮用平均梯度更新一次（本章）；sgd：每个样本之后更新；minibatch：每个小批量之后更新。</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <source>Samples per update in minibatch mode.</source>
        <translation>小批量模式下每次更新用的样本数。</translation>
    </message>
    <message>
        <source>Optimiser</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>gd: plain gradient descent (chapter); momentum and adam: the refinements it names.</source>
        <translation>gd：普通梯度下降（本章）；momentum 和 adam：本章提到的改进方法。</translation>
    </message>
    <message>
        <source>Initialiser</source>
        <translation>初始化方法</translation>
    </message>
    <message>
        <source>chapter: its uniform draws; xavier/he: the Glorot and He uniform schemes.</source>
        <translation>chapter：本章的均匀分布抽样；xavier/he：Glorot 与 He 的均匀初始化方案。</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>The feature-map nodes&apos; activation (the chapter uses sigmoid).</source>
        <translation>特征图节点的激活函数（本章用 sigmoid）。</translation>
    </message>
    <message>
        <source>η decay / epoch</source>
        <translation>η 每轮衰减</translation>
    </message>
    <message>
        <source>Multiply η by this after every epoch: 1 = no decay, e.g. 0.999 for a slow decay.</source>
        <translation>每轮之后把 η 乘以这个数：1 = 不衰减，例如 0.999 表示缓慢衰减。</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Check the settings and restart training with them (or press Enter).</source>
        <translation>检查这些设置并用它们重新开始训练（也可按 Enter）。</translation>
    </message>
    <message>
        <source>η decay</source>
        <translation>η 衰减</translation>
    </message>
    <message>
        <source>η decay: must be in (0, 1]; 1 means no decay</source>
        <translation>η 衰减：必须在 (0, 1] 之中；1 表示不衰减</translation>
    </message>
    <message>
        <source>batch size: at most the {0} samples of the data</source>
        <translation>批量大小：最多为数据的 {0} 个样本</translation>
    </message>
    <message>
        <source>Fix the field marked in red to apply.</source>
        <translation>请先修正标红的字段再应用。</translation>
    </message>
    <message>
        <source>Not applied: {0}</source>
        <translation>未应用：{0}</translation>
    </message>
    <message>
        <source>Classification: the data are now the 3 slope classes (down, flat, up).</source>
        <translation>分类：数据现在是 3 个斜率类别（下降、平坦、上升）。</translation>
    </message>
    <message>
        <source>Regression: the data are now the chapter&apos;s images with their slopes.</source>
        <translation>回归：数据现在是本章的图像及其斜率。</translation>
    </message>
    <message>
        <source>New data: {count} synthetic images of {n} values (seed {seed}, noise {noise:g}).</source>
        <translation>新的数据：{count} 张合成图像，每张 {n} 个值（种子 {seed}，噪声 {noise:g}）。</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>{0}: cancelled after {start:,} of {total:,} rows</source>
        <translation>{0}：写了 {total:,} 行中的 {start:,} 行后取消</translation>
    </message>
    <message>
        <source>{name}: that is a folder; choose a file name</source>
        <translation>{name}：这是一个文件夹；请选择一个文件名</translation>
    </message>
    <message>
        <source>{name}: the folder {0} does not exist</source>
        <translation>{name}：文件夹 {0} 不存在</translation>
    </message>
    <message>
        <source>{0}: nothing was drawn to write</source>
        <translation>{0}：没有画出任何可写入的内容</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>there is no picture to export in this view</source>
        <translation>这个视图中没有可导出的图片</translation>
    </message>
    <message>
        <source>the picture could not be drawn</source>
        <translation>无法绘制该图片</translation>
    </message>
    <message>
        <source>the picture could not be encoded as PNG</source>
        <translation>无法把该图片编码为 PNG</translation>
    </message>
    <message>
        <source>{0}: choose a .png or .svg file name</source>
        <translation>{0}：请选择 .png 或 .svg 文件名</translation>
    </message>
</context>
<context>
    <name>FeatureMapsView</name>
    <message>
        <source>Feature maps</source>
        <translation>特征图</translation>
    </message>
    <message>
        <source>Image from</source>
        <translation>图像来源</translation>
    </message>
    <message>
        <source>Image number</source>
        <translation>图像编号</translation>
    </message>
    <message>
        <source>Class and prediction</source>
        <translation>类别与预测</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Hover a cell of any map: its receptive field lights up in the input and the weighted sum that made it is written here.</source>
        <translation>把鼠标悬停在任意特征图的一个单元上：它在输入中的感受野会亮起，得到它的加权和写在这里。</translation>
    </message>
    <message>
        <source>Hovered cell</source>
        <translation>悬停的单元</translation>
    </message>
    <message>
        <source>Map colours: each layer on its own scale, ±max after its name</source>
        <translation>图的颜色：每一层各用自己的刻度，±最大值写在层名之后</translation>
    </message>
    <message>
        <source>−max</source>
        <translation>−最大值</translation>
    </message>
    <message>
        <source>+max</source>
        <translation>+最大值</translation>
    </message>
    <message>
        <source>Feature map colours</source>
        <translation>特征图的颜色</translation>
    </message>
    <message>
        <source>input {0}</source>
        <translation>输入 {0}</translation>
    </message>
    <message>
        <source>  (probabilities)</source>
        <translation>  （概率）</translation>
    </message>
    <message>
        <source>Draw on the canvas to see your digit here.</source>
        <translation>在画板上书写，就能在这里看到你的数字。</translation>
    </message>
    <message>
        <source>{caption}  ·  ±{limit}</source>
        <translation>{caption}  ·  ±{limit}</translation>
    </message>
    <message>
        <source>drawn</source>
        <translation>手写</translation>
    </message>
    <message>
        <source>class {0}</source>
        <translation>类别 {0}</translation>
    </message>
    <message>
        <source>{truth} · predicted {0} (p = {1})</source>
        <translation>{truth} · 预测为 {0}（p = {1}）</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>Drawn</source>
        <translation>手写</translation>
    </message>
</context>
<context>
    <name>FileController</name>
    <message>
        <source>CNN Visualiser workspace (*.cnnviz);;All files (*)</source>
        <translation>CNN Visualiser 工作区 (*.cnnviz);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&amp;Open workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a saved workspace: network, data, training run and settings.</source>
        <translation>打开已保存的工作区：网络、数据、训练过程和设置。</translation>
    </message>
    <message>
        <source>&amp;Save workspace</source>
        <translation>保存工作区(&amp;S)</translation>
    </message>
    <message>
        <source>Save the network, its training run and the settings to the workspace file.</source>
        <translation>把网络、它的训练过程和设置保存到工作区文件。</translation>
    </message>
    <message>
        <source>Save workspace &amp;as…</source>
        <translation>工作区另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save everything to a new workspace file.</source>
        <translation>把全部内容保存到一个新的工作区文件。</translation>
    </message>
    <message>
        <source>Training &amp;history as CSV…</source>
        <translation>训练历史，CSV(&amp;H)…</translation>
    </message>
    <message>
        <source>Write the recorded epochs&apos; parameters, loss and predictions to a CSV.</source>
        <translation>把记录下的各轮参数、损失和预测写入 CSV。</translation>
    </message>
    <message>
        <source>Training &amp;plots as PNG or SVG…</source>
        <translation>训练曲线图，PNG 或 SVG(&amp;P)…</translation>
    </message>
    <message>
        <source>Save the training plots as a picture (PNG) or a drawing (SVG).</source>
        <translation>把训练曲线图保存为图片（PNG）或矢量图（SVG）。</translation>
    </message>
    <message>
        <source>Network &amp;diagram as PNG or SVG…</source>
        <translation>网络示意图，PNG 或 SVG(&amp;D)…</translation>
    </message>
    <message>
        <source>Save the network diagram as a picture (PNG) or a drawing (SVG).</source>
        <translation>把网络示意图保存为图片（PNG）或矢量图（SVG）。</translation>
    </message>
    <message>
        <source>&amp;Cancel run</source>
        <translation>取消运行(&amp;C)</translation>
    </message>
    <message>
        <source>Stop Run N epochs (or the image lab&apos;s slow job) where it is.</source>
        <translation>让“运行 N 轮”（或图像实验室的耗时任务）停在当前位置。</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Image lab stage</source>
        <translation>图像实验室阶段(&amp;I)</translation>
    </message>
    <message>
        <source>Could not open {0}: no such file (removed from Open Recent).</source>
        <translation>无法打开 {0}：文件不存在（已从“最近打开”中移除）。</translation>
    </message>
    <message>
        <source>Opening {0} …</source>
        <translation>正在打开 {0} …</translation>
    </message>
    <message>
        <source>Saving {0} …</source>
        <translation>正在保存 {0} …</translation>
    </message>
    <message>
        <source>Exported the training history to {0}.</source>
        <translation>已把训练历史导出到 {0}。</translation>
    </message>
    <message>
        <source>Opened {0} at epoch {1}.</source>
        <translation>已打开 {0}，位于第 {1} 轮。</translation>
    </message>
    <message>
        <source>Opened {0}: the CNN on images tab&apos;s run.</source>
        <translation>已打开 {0}：“图像上的 CNN”选项卡的训练过程。</translation>
    </message>
    <message>
        <source>Saved {0}.</source>
        <translation>已保存 {0}。</translation>
    </message>
    <message>
        <source>The experiment panel could not show the saved settings: {0}</source>
        <translation>实验面板无法显示保存的设置：{0}</translation>
    </message>
    <message>
        <source>Export the training history</source>
        <translation>导出训练历史</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>the plots</source>
        <translation>曲线图</translation>
    </message>
    <message>
        <source>the diagram</source>
        <translation>网络示意图</translation>
    </message>
    <message>
        <source>Export the plots</source>
        <translation>导出曲线图</translation>
    </message>
    <message>
        <source>Export the diagram</source>
        <translation>导出网络示意图</translation>
    </message>
    <message>
        <source>Could not export {what}: {reason}</source>
        <translation>无法导出{what}：{reason}</translation>
    </message>
    <message>
        <source>Exported {what} to {name}.</source>
        <translation>已把{what}导出到 {name}。</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>Save workspace</source>
        <translation>保存工作区</translation>
    </message>
    <message>
        <source>this session</source>
        <translation>本次会话</translation>
    </message>
    <message>
        <source>Save the changes to {0}?</source>
        <translation>保存对 {0} 的更改吗？</translation>
    </message>
</context>
<context>
    <name>FileJobs</name>
    <message>
        <source>Could not save {path}: {reason}</source>
        <translation>无法保存 {path}：{reason}</translation>
    </message>
    <message>
        <source>Could not open {0}</source>
        <translation>无法打开 {0}</translation>
    </message>
    <message>
        <source>Could not open {path}: it is damaged or not a workspace file ({0}).</source>
        <translation>无法打开 {path}：文件已损坏或不是工作区文件（{0}）。</translation>
    </message>
    <message>
        <source>Could not open {path}: its network has {0} inputs and {1} kernel(s); the window draws 3–{2} inputs and up to {3} kernels (cnn-visualiser train --workspace FILE trains it headless)</source>
        <translation>无法打开 {path}：它的网络有 {0} 个输入和 {1} 个卷积核；窗口能画 3–{2} 个输入、最多 {3} 个卷积核（可用 cnn-visualiser train --workspace FILE 在命令行中训练它）</translation>
    </message>
    <message>
        <source>Cancelled the history export; nothing was written.</source>
        <translation>已取消训练历史的导出；没有写入任何内容。</translation>
    </message>
    <message>
        <source>Could not export the history: {0}</source>
        <translation>无法导出训练历史：{0}</translation>
    </message>
</context>
<context>
    <name>FilterWorker</name>
    <message>
        <source>not enough memory: tick fewer kernels or open a smaller image</source>
        <translation>内存不足：请少勾选几个卷积核，或打开一张较小的图像</translation>
    </message>
    <message>
        <source>internal error: {exc!r}</source>
        <translation>内部错误：{exc!r}</translation>
    </message>
</context>
<context>
    <name>FiltersView</name>
    <message>
        <source>Kernels</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <source>Kernel weight (shared scale)</source>
        <translation>卷积核权重（共用色标）</translation>
    </message>
    <message>
        <source>Hover a kernel weight to read it; click it to step through its gradient.</source>
        <translation>悬停在一个卷积核权重上可读出它的值；点击它可逐步查看它的梯度。</translation>
    </message>
    <message>
        <source>Kernel weight</source>
        <translation>卷积核权重</translation>
    </message>
    <message>
        <source>{name}: 1 kernel of {k}×{k}</source>
        <translation>{name}：1 个 {k}×{k} 卷积核</translation>
    </message>
    <message>
        <source>{name}: {n} kernels of {k}×{k}</source>
        <translation>{name}：{n} 个 {k}×{k} 卷积核</translation>
    </message>
    <message>
        <source>×{c} (one tile per input channel)</source>
        <translation>×{c}（每个输入通道一块）</translation>
    </message>
    <message>
        <source>{pname}[{0},{1},{2},{3}] = {4}   (kernel {5}&apos;s bias b = {6})</source>
        <translation>{pname}[{0},{1},{2},{3}] = {4}   （卷积核 {5} 的偏置 b = {6}）</translation>
    </message>
    <message>
        <source>, channel {0}</source>
        <translation>，通道 {0}</translation>
    </message>
</context>
<context>
    <name>FolderReader</name>
    <message>
        <source>colour must be one of {0}; got {colour!r}</source>
        <translation>颜色必须是 {0} 之一；收到的是 {colour!r}</translation>
    </message>
</context>
<context>
    <name>FormRows</name>
    <message>
        <source>{what}: enter a number</source>
        <translation>{what}：请输入一个数</translation>
    </message>
    <message>
        <source>{what}: {0!r} is not a number</source>
        <translation>{what}：{0!r} 不是数</translation>
    </message>
    <message>
        <source>{what}: must be a finite number</source>
        <translation>{what}：必须是有限数</translation>
    </message>
</context>
<context>
    <name>GradientCheckPanel</name>
    <message>
        <source>ok</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>suspicious</source>
        <translation>可疑</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>∂P/∂θ (the batch pass that trains)</source>
        <translation>∂P/∂θ（训练用的批量计算路径）</translation>
    </message>
    <message>
        <source>numerical (central difference)</source>
        <translation>数值梯度（中心差分）</translation>
    </message>
    <message>
        <source>error (worst path)</source>
        <translation>误差（最差的路径）</translation>
    </message>
    <message>
        <source>verdict</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>Each parameter θ is nudged by ±ε and the loss P re-evaluated: (P(θ+ε) − P(θ−ε)) / 2ε approximates ∂P/∂θ. Backprop is right when the columns agree; at a ReLU kink they disagree because the loss has no derivative there.</source>
        <translation>每个参数 θ 分别加上、减去 ε，重新计算损失 P：(P(θ+ε) − P(θ−ε)) / 2ε 近似于 ∂P/∂θ。两列一致时，反向传播就是对的；在 ReLU 的折点处两者不一致，因为损失在那里没有导数。</translation>
    </message>
    <message>
        <source>ε, the nudge of the finite difference; ↑/↓ multiply or divide by 10</source>
        <translation>ε：有限差分的扰动量；↑/↓ 乘以或除以 10</translation>
    </message>
    <message>
        <source>Recompute</source>
        <translation>重新计算</translation>
    </message>
    <message>
        <source>Check the gradients again with the current ε</source>
        <translation>用当前的 ε 重新检验梯度</translation>
    </message>
    <message>
        <source>{path}: {value} (error {error})</source>
        <translation>{path}：{value}（误差 {error}）</translation>
    </message>
    <message>
        <source>{name}: numerical {value}</source>
        <translation>{name}：数值梯度 {value}</translation>
    </message>
    <message>
        <source>error = |g − fd| scaled by the mixed criterion; ≤ 1e-6 agrees</source>
        <translation>误差 = |g − fd| 按混合判据缩放；≤ 1e-6 即为一致</translation>
    </message>
    <message>
        <source>1 parameter disagrees — a kink (ReLU at z = 0) or a bug in backprop.</source>
        <translation>有 1 个参数不一致 —— 可能是函数的折点（ReLU 在 z = 0 处），也可能是反向传播有错误。</translation>
    </message>
    <message>
        <source>{n} parameters disagree — a kink (ReLU at z = 0) or a bug in backprop.</source>
        <translation>有 {n} 个参数不一致 —— 可能是函数的折点（ReLU 在 z = 0 处），也可能是反向传播有错误。</translation>
    </message>
    <message>
        <source>close, but not to rounding error — try another ε.</source>
        <translation>接近，但差距超出了舍入误差 —— 换一个 ε 试试。</translation>
    </message>
    <message>
        <source>backprop agrees with the finite difference.</source>
        <translation>反向传播与有限差分一致。</translation>
    </message>
    <message>
        <source>largest relative error {error} ({name}) with ε = {eps}: {verdict}  {checked}</source>
        <translation>最大相对误差 {error}（{name}），ε = {eps}：{verdict}{checked}</translation>
    </message>
    <message>
        <source>sample x = ({x}), y = {y}</source>
        <translation>样本 x = ({x})，y = {y}</translation>
    </message>
    <message>
        <source>{rtol} relative, {atol} absolute where gradients vanish</source>
        <translation>相对误差 {rtol}；梯度趋于零处用绝对误差 {atol}</translation>
    </message>
    <message>
        <source>error ({rule}): {samples}</source>
        <translation>误差（{rule}）：{samples}</translation>
    </message>
</context>
<context>
    <name>GradientSum</name>
    <message>
        <source> + … ({0} more)</source>
        <translation> + …（另有 {0} 项）</translation>
    </message>
</context>
<context>
    <name>HelpPage</name>
    <message>
        <source># How to read the window

</source>
        <translation># 如何阅读本窗口

</translation>
    </message>
    <message>
        <source>## One moment on screen
Everything in the window — the diagram, the formulas, the plots&apos; cursor and the status bar —
shows the same moment. **Epoch N is the network after N epochs of training** (in the chapter&apos;s
batch mode: after N updates); epoch 0 is the network before training. The chapter&apos;s figures
plot, at epoch e, the values *used in* epoch e — our epoch e − 1. Numbers are shown with four
significant figures (View → More / Fewer digits), tiny ones as ×10ⁿ, so every written sum can be
checked from the numbers written.

</source>
        <translation>## 屏幕上的同一时刻
窗口中的一切——网络图、公式、曲线的游标和状态栏——显示的都是同一个时刻。**第 N 轮指训练了 N 轮之后的网络**
（在本章的批量模式下：即 N 次更新之后）；第 0 轮是训练之前的网络。本章的图在第 e 轮处画的是第 e 轮*所用*的值，
也就是我们的第 e − 1 轮。数值显示四位有效数字（视图 → 更多位数 / 更少位数），很小的数写成 ×10ⁿ，
因此每一个写出来的和都可以用写出来的数值自己验算。

</translation>
    </message>
    <message>
        <source>## The diagram (centre)
The chapter&apos;s network, read left to right:

* **I1 … I5** — the five values of one 1D &quot;image&quot; (the sample shown).
* **K6, K7, K8** and **b_conv** — the one shared kernel. The same three weights slide over
  the inputs, so K6 meets I1, I2 and I3 in turn; edges of the same kernel weight share a colour
  (K6 red, K7 blue, K8 green, as in the chapter).
* **C9, C10, C11** — the feature map: C9 = σ(I1·K6 + I2·K7 + I3·K8 + b_conv), and so on,
  with σ(z) = 1 / (1 + e^(−z)).
* **O12** — the output ŷ = λ9,12·C9 + λ10,12·C10 + λ11,12·C11 + b12 (linear).

Numbers on the nodes are their values; numbers on the edges are weights. A node&apos;s fill is its
value on the colour bar (orange above zero, purple below); a dashed edge is a negative weight
and an edge&apos;s width grows with |weight|; the legend under the diagram lists the colours.
**Click a weight to edit it** (Enter keeps it, Esc cancels): O12, the labels and the plots
follow at once. Hover over a node or an edge for its gradient.

</source>
        <translation>## 网络图（中间）
本章的网络，从左往右读：

* **I1 … I5** —— 一张一维“图像”的五个值（当前显示的样本）。
* **K6、K7、K8** 和 **b_conv** —— 唯一的共享卷积核。同样的三个权重在输入上滑动，所以 K6 依次遇到
  I1、I2 和 I3；同一个卷积核权重的各条边颜色相同（K6 红、K7 蓝、K8 绿，与本章一致）。
* **C9、C10、C11** —— 特征图：C9 = σ(I1·K6 + I2·K7 + I3·K8 + b_conv)，其余类推，
  其中 σ(z) = 1 / (1 + e^(−z))。
* **O12** —— 输出 ŷ = λ9,12·C9 + λ10,12·C10 + λ11,12·C11 + b12（线性）。

节点上的数是节点的值；边上的数是权重。节点的填充色表示它在色标上的值（大于零为橙色，小于零为紫色）；
虚线边表示负权重，边的粗细随 |权重| 增大；网络图下方的图例列出了各种颜色。
**点击一个权重即可编辑它**（Enter 确认，Esc 取消）：O12、各个标签和曲线会立即随之变化。
把鼠标悬停在节点或边上可以看到它的梯度。

</translation>
    </message>
    <message>
        <source>## The formulas (bottom)
When not stepping, the panel shows the displayed sample&apos;s forward pass, its loss P (one
sample&apos;s) and the **mean loss over the data set** (the number in the status bar). **Step sample**
(→) walks one sample&apos;s pass one sub-step per click, highlighting the parts of the diagram it
uses; until the update sub-step every view shows the parameters that pass used, from the update
on the new ones. **Play sub-steps** walks them by itself at the chosen rate.

1. the forward sums above, C9_in = I1·K6 + I2·K7 + I3·K8 + b_conv and C9 = σ(C9_in);
2. the loss P = ½(ŷ − y)²;
3. the output&apos;s delta δ12 = ∂P/∂ŷ = ŷ − y, and its gradients ∂P/∂λ9,12 = δ12·C9,
   ∂P/∂b12 = δ12;
4. the feature map&apos;s deltas δ9 = σ′(C9_in)·λ9,12·δ12 with σ′ = C9(1 − C9);
5. the kernel gradients — each a sum of three terms because the kernel is shared:
   ∂P/∂K6 = I1·δ9 + I2·δ10 + I3·δ11, ∂P/∂b_conv = δ9 + δ10 + δ11;
6. the update θ ← θ − η·∂P/∂θ (in batch mode the gradient is the mean over the samples and
   there is one update per epoch; sgd updates after every sample, minibatch after each batch).

With **dropout** (Shape tab) a dropped feature-map node is multiplied by m = 0 and a kept one by
m = 1/(1 − p); the formulas write every factor, so each sum still adds up. The loss plot then
shows the mean loss without dropout (solid) and the training loss with the dropped nodes (dashed).

**Momentum and Adam** follow PyTorch&apos;s conventions: momentum v ← μ·v + g, θ ← θ − η·v (v starts
at the first gradient); Adam with bias correction, β1 = 0.9, β2 = 0.999, ε = 10⁻⁸.

</source>
        <translation>## 公式（下方）
不在逐步演示时，这个面板显示当前样本的前向传播、它的损失 P（单个样本的损失）以及
**整个数据集上的平均损失**（也就是状态栏中的数）。**单步样本**（→）每点击一次，就把一个样本的计算
向前推进一个子步骤，并高亮网络图中用到的部分；在更新这个子步骤之前，每个视图显示的都是这次计算所用的参数，
从更新开始显示新的参数。**播放子步骤**会按所选的速率自动逐步进行。

1. 上面的前向求和，C9_in = I1·K6 + I2·K7 + I3·K8 + b_conv，以及 C9 = σ(C9_in)；
2. 损失 P = ½(ŷ − y)²；
3. 输出的误差项 δ12 = ∂P/∂ŷ = ŷ − y，以及它的梯度 ∂P/∂λ9,12 = δ12·C9、
   ∂P/∂b12 = δ12；
4. 特征图的误差项 δ9 = σ′(C9_in)·λ9,12·δ12，其中 σ′ = C9(1 − C9)；
5. 卷积核的梯度——因为卷积核是共享的，每个梯度都是三项之和：
   ∂P/∂K6 = I1·δ9 + I2·δ10 + I3·δ11，∂P/∂b_conv = δ9 + δ10 + δ11；
6. 更新 θ ← θ − η·∂P/∂θ（批量模式下，梯度是所有样本的平均值，每轮更新一次；
   sgd 每个样本之后更新，minibatch 每个小批量之后更新）。

使用 **Dropout**（“形状”选项卡）时，被丢弃的特征图节点乘以 m = 0，保留的节点乘以
m = 1/(1 − p)；公式会写出每一个因子，所以每个和依然能对上。损失曲线则同时显示不含 Dropout 的平均损失（实线）
和含被丢弃节点的训练损失（虚线）。

**动量和 Adam** 遵循 PyTorch 的约定：动量 v ← μ·v + g，θ ← θ − η·v（v 从第一个梯度开始）；
Adam 带偏差修正，β1 = 0.9，β2 = 0.999，ε = 10⁻⁸。

</translation>
    </message>
    <message>
        <source>## The plots (right)
Prediction against target, kernel weights and output weights against epoch (log axis), and
the mean loss, as in the chapter. Click or drag on a plot to travel back to an earlier epoch;
press Play to go on from the latest. With many images or weights the plots draw the first ten
and a min–max band, and say so.

</source>
        <translation>## 曲线（右侧）
与本章一样：预测值与目标值、卷积核权重和输出权重随训练轮次（对数坐标）的变化，以及平均损失。
在曲线上点击或拖动可以回到更早的轮次；按“播放”从最新的轮次继续。图像或权重很多时，
曲线只画前十条和一条最小–最大带，并注明这一点。

</translation>
    </message>
    <message>
        <source>## The Image lab (second tab)
The same convolution in 2D: a k×k kernel slides over an image with padding p and stride s,
giving maps of H′ = ⌊(H + 2p − k)/s⌋ + 1 rows (and likewise columns); then an activation and,
if chosen, pooling. Hover over an output pixel to see its window and the weighted sum. The
mouse wheel scrolls the stages, Ctrl+wheel zooms.

</source>
        <translation>## 图像实验室（第二个选项卡）
同样的卷积，换成二维：一个 k×k 的卷积核以填充 p、步幅 s 在图像上滑动，得到
H′ = ⌊(H + 2p − k)/s⌋ + 1 行（列数同理）的特征图；然后是激活函数，如果选了的话，再做池化。
把鼠标悬停在输出像素上可以看到它的窗口和加权和。鼠标滚轮滚动各个阶段，Ctrl+滚轮缩放。

</translation>
    </message>
    <message>
        <source>## CNN on images (third tab)
A small 2D CNN learns from the 1797 handwritten 8×8 digits — or from a folder of your own
images, one sub-folder per class (**Open image folder…**). Play, Step batch and Reset work as on
the Network tab; an epoch is one pass over the training images, batch by batch. The
**Architecture** on the left is a list of layers (conv:N:K:S:P, relu, maxpool:K, dense:N …):
edit it and Apply. **Kernels and feature maps** show every kernel on one shared colour scale and
every layer&apos;s output for the picked image; hover a cell to see its receptive field and the
weighted sum that made it. Click a kernel weight, or use **Step-through**, to follow one image
forward and backward and see that weight&apos;s gradient as a sum of one term per output position —
the chapter&apos;s ∂P/∂K6 = I1·δ9 + I2·δ10 + I3·δ11, in 2D. The curves (click or drag to go back to
an epoch), the confusion matrix and the misclassified images show how it learns; under **Draw a
digit**, draw with the mouse (Delete clears it) and watch it classified as you draw.

</source>
        <translation>## 图像上的 CNN（第三个选项卡）
一个小型二维 CNN 从 1797 张手写 8×8 数字中学习——也可以从你自己的图像文件夹中学习，每个类别一个子文件夹（**打开图像文件夹…**）。播放、单步一批和重置的用法与“网络”选项卡相同；一轮是把训练图像按批次全部过一遍。左侧的**网络结构**是一个层列表（conv:N:K:S:P、relu、maxpool:K、dense:N …）：编辑后点击应用。**卷积核与特征图**以同一个颜色标尺显示每个卷积核，并显示所选图像在每一层的输出；把鼠标悬停在某个单元上，可以看到它的感受野以及得到它的加权和。点击某个卷积核权重，或使用**逐步演示**，跟随一张图像完成前向传播和反向传播，看到该权重的梯度是每个输出位置一项之和——即本章 ∂P/∂K6 = I1·δ9 + I2·δ10 + I3·δ11 的二维形式。曲线（在曲线上点击或拖动可回到某一轮）、混淆矩阵和分错的图像显示它如何学习；在**手写数字**中用鼠标书写（Delete 键清除），边写边看它的分类结果。

</translation>
    </message>
    <message>
        <source>## Files and undo
A **workspace** (.cnnviz) keeps everything: the network, its data and settings, the optimiser&apos;s
state, the random state and the whole training history, the step-through position, the speed,
the Image lab&apos;s image and settings, and — once opened — the CNN on images tab&apos;s run. Open it
later and Play carries on exactly where it stopped. The title bar shows the file&apos;s name, with •
while there are unsaved changes. Apply and Reset ask before throwing a trained network away;
**Edit → Undo** brings it back. **File → Export** writes the history as CSV, the plots or the
diagram as PNG or SVG, an Image lab stage, or the CNN tab&apos;s kernels, feature maps and curves.

</source>
        <translation>## 文件与撤销
**工作区**（.cnnviz）保存一切：网络、它的数据和设置、优化器的状态、随机数状态和完整的训练历史、逐步演示的位置、速度、图像实验室的图像和设置，以及——打开过的话——“图像上的 CNN”选项卡的训练过程。以后打开它，按播放就会从停下的地方准确地继续。标题栏显示文件名，有未保存的更改时带 •。应用和重置在丢弃已训练的网络之前会询问；**编辑 → 撤销**可以把它找回来。**文件 → 导出**把历史写成CSV，把曲线或网络图写成 PNG 或 SVG，导出图像实验室的某一阶段，或导出 CNN 选项卡的卷积核、特征图和曲线。

</translation>
    </message>
    <message>
        <source>## Keys
| key | does |
| --- | --- |
| Space | Play / Pause |
| → / Shift+→ | Step sample / Step epoch |
| Ctrl+Enter | Run N epochs (the number next to Run); Esc cancels it |
| R | Reset the weights from the seed |
| Ctrl+Z | Undo Apply or Reset |
| Ctrl+O / Ctrl+S / Ctrl+Shift+S | Open / Save / Save As a workspace |
| Ctrl+Shift+O | Open an image in the Image lab |
| Ctrl+L, Ctrl+= / Ctrl+− | Value labels on/off, more / fewer digits |
| F1 | This help |

Space, → and R always reach the training controls, even while a number field has the focus;
Enter in a field keeps its value and gives the keys back to the diagram. The experiment panel
(left) chooses the data, learning rate η, seed and optimiser; press Apply to rebuild the network.
Training stops at the epoch limit, when it diverges (the window then shows the last finite epoch
and suggests a smaller η), or at a stop condition (Stop tab).
</source>
        <translation>## 按键
| 按键 | 作用 |
| --- | --- |
| 空格 | 播放 / 暂停 |
| → / Shift+→ | 单步样本 / 单步一轮 |
| Ctrl+Enter | 训练 N 轮（“训练”旁边的数）；Esc 取消 |
| R | 按种子重置权重 |
| Ctrl+Z | 撤销“应用”或“重置” |
| Ctrl+O / Ctrl+S / Ctrl+Shift+S | 打开 / 保存 / 另存工作区 |
| Ctrl+Shift+O | 在图像实验室中打开图像 |
| Ctrl+L、Ctrl+= / Ctrl+− | 数值标签开/关，更多 / 更少位数 |
| F1 | 本帮助 |

即使焦点在某个数字输入框中，空格、→ 和 R 也总是作用于训练控件；在输入框中按 Enter 会保留它的值，
并把按键交还给网络图。左侧的实验面板用来选择数据、学习率 η、种子和优化器；按“应用”重建网络。
训练会在以下情况停止：到达训练轮次上限；训练发散（此时窗口显示最后一个有限的轮次，并建议一个较小的 η）；
或满足某个停止条件（“停止”选项卡）。
</translation>
    </message>
</context>
<context>
    <name>ImageCnnTab</name>
    <message>
        <source>CNN on images</source>
        <translation>图像上的 CNN</translation>
    </message>
    <message>
        <source>Clear (Delete)</source>
        <translation>清除 (Delete)</translation>
    </message>
    <message>
        <source>Clear the canvas</source>
        <translation>清除画板</translation>
    </message>
    <message>
        <source>CNN status</source>
        <translation>CNN 状态</translation>
    </message>
    <message>
        <source>CNN message</source>
        <translation>CNN 消息</translation>
    </message>
    <message>
        <source>Reading the folder</source>
        <translation>正在读取文件夹</translation>
    </message>
    <message>
        <source>New settings: training starts again from new weights.</source>
        <translation>新的设置：从新的权重重新开始训练。</translation>
    </message>
    <message>
        <source>New layers: training starts again from new weights.</source>
        <translation>新的层：从新的权重重新开始训练。</translation>
    </message>
    <message>
        <source>Open a folder of images (one sub-folder per class)</source>
        <translation>打开一个图像文件夹（每个类别一个子文件夹）</translation>
    </message>
    <message>
        <source>Reading {0} …</source>
        <translation>正在读取 {0} …</translation>
    </message>
    <message>
        <source>Draw a digit on the canvas first, or pick a training or validation image.</source>
        <translation>请先在画板上写一个数字，或选择一张训练集或验证集图像。</translation>
    </message>
    <message>
        <source>Reading images: {done:,} of {total:,}</source>
        <translation>正在读取图像：{done:,} / {total:,}</translation>
    </message>
    <message>
        <source>Draw with the left mouse button; Delete, Backspace or C clears.</source>
        <translation>按住鼠标左键书写；Delete、Backspace 或 C 清除。</translation>
    </message>
    <message>
        <source>Building the network …</source>
        <translation>正在构建网络 …</translation>
    </message>
    <message>
        <source>Epoch {0}</source>
        <translation>第 {0} 轮</translation>
    </message>
    <message>
        <source> (recorded)</source>
        <translation>（已记录）</translation>
    </message>
    <message>
        <source> + {0} batches</source>
        <translation> + {0} 个批次</translation>
    </message>
    <message>
        <source> · validation loss {0} · {1} steps</source>
        <translation> · 验证损失 {0} · {1} 步</translation>
    </message>
    <message>
        <source> · stepping image {n} ({set})</source>
        <translation> · 正在逐步演示图像 {n}（{set}）</translation>
    </message>
</context>
<context>
    <name>ImageCnnWorker</name>
    <message>
        <source>Training has diverged (the loss is no longer a finite number): lower η, then press Reset.</source>
        <translation>训练发散了（损失不再是有限数）：请降低 η，然后按“重置”。</translation>
    </message>
    <message>
        <source>1,797 handwritten digits, 8×8 (1,437 training, 360 validation)</source>
        <translation>1,797 个手写数字，8×8（1,437 个训练，360 个验证）</translation>
    </message>
    <message>
        <source>Reached the epoch limit ({0}).</source>
        <translation>已达到训练轮次上限（{0}）。</translation>
    </message>
    <message>
        <source>Could not build the network: {0}</source>
        <translation>无法构建网络：{0}</translation>
    </message>
    <message>
        <source>the last layer {0!r} must have one output per class ({1}: write &apos;dense:{2}&apos;)</source>
        <translation>最后一层 {0!r} 必须每个类别一个输出（{1} 个：请写 &apos;dense:{2}&apos;）</translation>
    </message>
    <message>
        <source>Could not step through that image: {0}</source>
        <translation>无法逐步演示该图像：{0}</translation>
    </message>
    <message>
        <source>No network fits these images: {0}</source>
        <translation>没有适合这些图像的网络：{0}</translation>
    </message>
    <message>
        <source> ({0} unreadable file(s) skipped)</source>
        <translation>（跳过了 {0} 个无法读取的文件）</translation>
    </message>
    <message>
        <source>{folder}: {reason}{warning}</source>
        <translation>{folder}：{reason}{warning}</translation>
    </message>
</context>
<context>
    <name>ImageFolder</name>
    <message>
        <source>{root}: not a folder (a data set is a folder with one sub-folder per class)</source>
        <translation>{root}：不是文件夹（数据集是一个文件夹，每个类别一个子文件夹）</translation>
    </message>
    <message>
        <source>{root}: cannot be read ({0})</source>
        <translation>{root}：无法读取（{0}）</translation>
    </message>
    <message>
        <source>{sub}: cannot be read ({0})</source>
        <translation>{sub}：无法读取（{0}）</translation>
    </message>
    <message>
        <source>{root}: more than {MAX_FILES:,} files; use a smaller folder</source>
        <translation>{root}：文件超过 {MAX_FILES:,} 个；请使用较小的文件夹</translation>
    </message>
    <message>
        <source>the image size must be {MIN_SIZE}–{MAX_SIZE} pixels; got {size}</source>
        <translation>图像尺寸必须为 {MIN_SIZE}–{MAX_SIZE} 像素；收到的是 {size}</translation>
    </message>
    <message>
        <source>{n_files:,} images of {size}×{size} would need {0:,.0f} MB; choose a smaller size (at most {1} MB)</source>
        <translation>{n_files:,} 张 {size}×{size} 的图像需要 {0:,.0f} MB；请选择较小的尺寸（最多 {1} MB）</translation>
    </message>
</context>
<context>
    <name>ImageIO</name>
    <message>
        <source>{0}: the image header does not give its size (the file may be damaged).</source>
        <translation>{0}：图像文件头中没有尺寸信息（文件可能已损坏）。</translation>
    </message>
    <message>
        <source> (Qt said: {0})</source>
        <translation>（Qt 的提示：{0}）</translation>
    </message>
    <message>
        <source>the file looks damaged or cut short, so part of the image may be missing (Qt said: {0}).</source>
        <translation>文件似乎已损坏或被截断，图像可能缺少一部分（Qt 的提示：{0}）。</translation>
    </message>
    <message>
        <source>its colour profile is damaged and was ignored (Qt said: {0}).</source>
        <translation>其色彩配置文件已损坏，已忽略（Qt 的提示：{0}）。</translation>
    </message>
    <message>
        <source>{0}: the image is {w}×{h} = {1:.0f} megapixels, more than the limit of {2:.0f} megapixels; it was not opened (decoding it could exhaust memory). Scale it down in an image editor first.</source>
        <translation>{0}：图像为 {w}×{h} = {1:.0f} 百万像素，超过 {2:.0f} 百万像素的上限，因此未打开（解码可能耗尽内存）。请先在图像编辑器中缩小它。</translation>
    </message>
    <message>
        <source>downscaled from {w}×{h} to {new_w}×{new_h}.</source>
        <translation>已从 {w}×{h} 缩小到 {new_w}×{new_h}。</translation>
    </message>
    <message>
        <source>CMYK colours converted to RGB.</source>
        <translation>CMYK 颜色已转换为 RGB。</translation>
    </message>
    <message>
        <source>palette image ({0} colours) converted to greyscale.</source>
        <translation>调色板图像（{0} 种颜色）已转换为灰度。</translation>
    </message>
    <message>
        <source>palette image ({0} colours) converted to RGB.</source>
        <translation>调色板图像（{0} 种颜色）已转换为 RGB。</translation>
    </message>
    <message>
        <source>16-bit greyscale: kept at 16-bit precision.</source>
        <translation>16 位灰度：保留 16 位精度。</translation>
    </message>
    <message>
        <source>16-bit colour: kept at 16-bit precision.</source>
        <translation>16 位彩色：保留 16 位精度。</translation>
    </message>
    <message>
        <source>alpha channel dropped: composited on white ({see_through:.0%} of pixels were see-through).</source>
        <translation>已去掉 alpha 通道：合成到白色背景上（{see_through:.0%} 的像素是透明的）。</translation>
    </message>
    <message>
        <source>alpha channel dropped (every pixel was opaque).</source>
        <translation>已去掉 alpha 通道（所有像素都不透明）。</translation>
    </message>
    <message>
        <source>colour file with R = G = B everywhere: treated as greyscale.</source>
        <translation>彩色文件中处处 R = G = B：按灰度处理。</translation>
    </message>
    <message>
        <source>{0}: no such file ({path}).</source>
        <translation>{0}：文件不存在（{path}）。</translation>
    </message>
    <message>
        <source>{0}: this is a folder, not an image file.</source>
        <translation>{0}：这是一个文件夹，不是图像文件。</translation>
    </message>
    <message>
        <source>{0}: the file is empty (0 bytes).</source>
        <translation>{0}：文件为空（0 字节）。</translation>
    </message>
    <message>
        <source>{0}: permission denied: the file cannot be read.</source>
        <translation>{0}：权限不足，无法读取该文件。</translation>
    </message>
    <message>
        <source>{0}: not an image Qt can read (supported: {1}); the file may be another kind of file with an image name, or damaged.</source>
        <translation>{0}：不是 Qt 能读取的图像（支持：{1}）；该文件可能是取了图像文件名的其他类型文件，或已损坏。</translation>
    </message>
    <message>
        <source>no such file ({path}).</source>
        <translation>文件不存在（{path}）。</translation>
    </message>
    <message>
        <source>not an image format Qt can read.</source>
        <translation>不是 Qt 能读取的图像格式。</translation>
    </message>
    <message>
        <source>the file could not be read from disk (device error).</source>
        <translation>无法从磁盘读取该文件（设备错误）。</translation>
    </message>
    <message>
        <source>the image data is damaged or cut short (truncated file).</source>
        <translation>图像数据已损坏或不完整（文件被截断）。</translation>
    </message>
    <message>
        <source>the image data is damaged or cut short (truncated file), or the image is too large to decode within the memory limit.</source>
        <translation>图像数据已损坏或不完整（文件被截断），或者图像太大，无法在内存上限内解码。</translation>
    </message>
    <message>
        <source>the image could not be decoded ({0}).</source>
        <translation>无法解码该图像（{0}）。</translation>
    </message>
</context>
<context>
    <name>ImageLab</name>
    <message>
        <source>Open image…</source>
        <translation>打开图像…</translation>
    </message>
    <message>
        <source>Open an image file (PNG, JPEG, BMP, GIF, TIFF, WebP) in the Image lab.</source>
        <translation>在图像实验室中打开一个图像文件（PNG、JPEG、BMP、GIF、TIFF、WebP）。</translation>
    </message>
    <message>
        <source>Load the bundled sample image {file}.</source>
        <translation>载入自带的示例图像 {file}。</translation>
    </message>
    <message>
        <source>Load one of the bundled sample images.</source>
        <translation>载入一张自带的示例图像。</translation>
    </message>
    <message>
        <source>Samples…</source>
        <translation>示例…</translation>
    </message>
    <message>
        <source>Export ▾</source>
        <translation>导出 ▾</translation>
    </message>
    <message>
        <source>Save a stage&apos;s maps as a PNG picture or a .npy array.</source>
        <translation>把某一阶段的图保存为 PNG 图片或 .npy 数组。</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>Zoom the maps to fit (Ctrl+0)</source>
        <translation>缩放各图以适应窗口（Ctrl+0）</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+−, or Ctrl+wheel)</source>
        <translation>缩小（Ctrl+−，或 Ctrl+滚轮）</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl+=, or Ctrl+wheel)</source>
        <translation>放大（Ctrl+=，或 Ctrl+滚轮）</translation>
    </message>
    <message>
        <source>The size of each map on screen. The wheel scrolls; Ctrl+wheel zooms.</source>
        <translation>每张图在屏幕上的大小。滚轮滚动；Ctrl+滚轮缩放。</translation>
    </message>
    <message>
        <source>The output-size formula n_out = ⌊(n_in + 2p − k)/s⌋ + 1 with this layer&apos;s numbers.</source>
        <translation>输出尺寸公式 n_out = ⌊(n_in + 2p − k)/s⌋ + 1，代入本层的数值。</translation>
    </message>
    <message>
        <source>How long the last filtering took, or that it is running.</source>
        <translation>上一次滤波用了多长时间，或者正在计算。</translation>
    </message>
    <message>
        <source>Hover over any output pixel to see its window, the kernel and the weighted sum.</source>
        <translation>把鼠标悬停在任意输出像素上，可查看它的窗口、卷积核和加权和。</translation>
    </message>
    <message>
        <source>The numbers behind the pixel under the mouse.</source>
        <translation>鼠标下像素背后的数值。</translation>
    </message>
    <message>
        <source>PNG picture</source>
        <translation>PNG 图片</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>NumPy array</source>
        <translation>NumPy 数组</translation>
    </message>
    <message>
        <source>NumPy array (*.npy)</source>
        <translation>NumPy 数组 (*.npy)</translation>
    </message>
    <message>
        <source>there is no {stage!r} stage to export</source>
        <translation>没有可导出的 {stage!r} 阶段</translation>
    </message>
    <message>
        <source>export to .png or .npy, not {0}</source>
        <translation>请导出为 .png 或 .npy，而不是 {0}</translation>
    </message>
    <message>
        <source>export to .png or .npy, not no suffix</source>
        <translation>请导出为 .png 或 .npy（文件名没有扩展名）</translation>
    </message>
    <message>
        <source>Nothing to export yet</source>
        <translation>还没有可导出的内容</translation>
    </message>
    <message>
        <source>{stage} maps as {what}…</source>
        <translation>{stage}的图，导出为{what}…</translation>
    </message>
    <message>
        <source>Export {stage} maps</source>
        <translation>导出{stage}阶段的图</translation>
    </message>
    <message>
        <source>Images ({patterns});;All files (*)</source>
        <translation>图像 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open image</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <source>{name}: the image is {w}×{h} = {mp:.0f} megapixels, more than the limit of {limit:.0f} megapixels; it was not opened (decoding it could exhaust memory). Scale it down in an image editor first.</source>
        <translation>{name}：图像为 {w}×{h} = {mp:.0f} 百万像素，超过 {limit:.0f} 百万像素的上限，因此未打开（解码可能耗尽内存）。请先在图像编辑器中缩小它。</translation>
    </message>
    <message>
        <source> — more than the lab&apos;s limit of {0}, so it would be refused</source>
        <translation>——超过实验室 {0} 的上限，因此会被拒绝</translation>
    </message>
    <message>
        <source>{name} is {w}×{h} px. Filtering it at full size with the current settings needs about {full} of memory{over}, and each change will be slower.

Downscale it to {sw}×{sh} px (about {small})?</source>
        <translation>{name} 为 {w}×{h} 像素。按当前设置以原始尺寸滤波约需 {full} 内存{over}，而且每次修改都会更慢。

要把它缩小到 {sw}×{sh} 像素（约 {small}）吗？</translation>
    </message>
    <message>
        <source>Large image</source>
        <translation>大图像</translation>
    </message>
    <message>
        <source>Brick wall (grey)</source>
        <translation>砖墙（灰度）</translation>
    </message>
    <message>
        <source>Camera man (grey)</source>
        <translation>摄影师（灰度）</translation>
    </message>
    <message>
        <source>Chelsea the cat (RGB)</source>
        <translation>猫咪 Chelsea（RGB）</translation>
    </message>
    <message>
        <source>The image in the lab: file, size and what loading did to it.</source>
        <translation>实验室中的图像：文件、尺寸，以及载入时对它做了什么。</translation>
    </message>
    <message>
        <source>maps {side} px</source>
        <translation>图 {side} 像素</translation>
    </message>
    <message>
        <source>Could not open {exc}</source>
        <translation>无法打开 {exc}</translation>
    </message>
    <message>
        <source>Could not open {0}: not enough memory to decode it.</source>
        <translation>无法打开 {0}：内存不足，无法解码。</translation>
    </message>
    <message>
        <source>RGB</source>
        <translation>RGB</translation>
    </message>
    <message>
        <source>greyscale</source>
        <translation>灰度</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt; — {1} px, {kind}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; —— {1} 像素，{kind}</translation>
    </message>
    <message>
        <source>. &lt;i&gt;{0}&lt;/i&gt;</source>
        <translation>。&lt;i&gt;{0}&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Image lab</source>
        <translation>图像实验室</translation>
    </message>
    <message>
        <source>Could not export to {0}: {exc}</source>
        <translation>无法导出到 {0}：{exc}</translation>
    </message>
    <message>
        <source>Cancelled; showing the previous output.</source>
        <translation>已取消；显示的是上一次的输出。</translation>
    </message>
    <message>
        <source>Filtered in {0:.0f} ms.</source>
        <translation>滤波用时 {0:.0f} 毫秒。</translation>
    </message>
    <message>
        <source>Cannot compute: {message}. (Showing the previous output.)</source>
        <translation>无法计算：{message}。（显示的是上一次的输出。）</translation>
    </message>
    <message>
        <source>Settings not valid: see the message above.</source>
        <translation>设置无效：请看上方的提示。</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>Computing… the numbers come with the new maps.</source>
        <translation>正在计算…数值会随新的图一起出现。</translation>
    </message>
</context>
<context>
    <name>LabControls</name>
    <message>
        <source>RGB image: each k×k kernel is applied to R, G and B and the three sums are added (a kernel spans all input channels, as in a CNN&apos;s first layer). Tick “greyscale first” to filter one grey channel instead.</source>
        <translation>RGB 图像：每个 k×k 卷积核分别作用于 R、G、B，再把三个和相加（一个卷积核覆盖所有输入通道，就像 CNN 的第一层）。勾选“先转灰度”则只对一个灰度通道滤波。</translation>
    </message>
    <message>
        <source>RGB image converted to one grey channel (0.299 R + 0.587 G + 0.114 B) before the conv layer. Untick “greyscale first” to filter R, G and B, each kernel spanning the three.</source>
        <translation>RGB 图像在卷积层之前转换为一个灰度通道（0.299 R + 0.587 G + 0.114 B）。取消勾选“先转灰度”则对 R、G、B 滤波，每个卷积核覆盖这三个通道。</translation>
    </message>
    <message>
        <source>Conv layer</source>
        <translation>卷积层</translation>
    </message>
    <message>
        <source>One convolution layer: every chosen kernel gives one feature map.</source>
        <translation>一个卷积层：每个选中的卷积核产生一张特征图。</translation>
    </message>
    <message>
        <source>Kernels (tick one or more):</source>
        <translation>卷积核（勾选一个或多个）：</translation>
    </message>
    <message>
        <source>Tick the kernels of the conv layer; each one makes a map.</source>
        <translation>勾选卷积层的卷积核；每个卷积核产生一张图。</translation>
    </message>
    <message>
        <source>Your own k×k weights, typed in the box below.</source>
        <translation>你自己的 k×k 权重，在下面的框中输入。</translation>
    </message>
    <message>
        <source>Custom kernel (one row per line):</source>
        <translation>自定义卷积核（每行一行权重）：</translation>
    </message>
    <message>
        <source>Type a k×k grid of weights (1/9 and ; between rows work); tick “custom” above to use it.</source>
        <translation>输入 k×k 的权重网格（可以写 1/9，也可以用 ; 分隔各行）；勾选上方的“自定义”来使用它。</translation>
    </message>
    <message>
        <source>Why the typed kernel cannot be used, if it cannot.</source>
        <translation>输入的卷积核不能使用时，这里说明原因。</translation>
    </message>
    <message>
        <source>Size k of the sizable kernels ({0}); the others are fixed 3×3 filters.</source>
        <translation>可调尺寸卷积核（{0}）的尺寸 k；其他卷积核固定为 3×3。</translation>
    </message>
    <message>
        <source>Kernel size k:</source>
        <translation>卷积核尺寸 k：</translation>
    </message>
    <message>
        <source>Which random draw the “random” kernel uses.</source>
        <translation>“随机”卷积核使用哪一次随机抽取。</translation>
    </message>
    <message>
        <source>Random seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>Padding p: pixels added on every side before sliding the kernel (k = 3, p = 1 keeps the size).</source>
        <translation>填充 p：滑动卷积核之前在每一边添加的像素数（k = 3、p = 1 时尺寸不变）。</translation>
    </message>
    <message>
        <source>Padding p:</source>
        <translation>填充 p：</translation>
    </message>
    <message>
        <source>What the padding holds: zeros, a constant, the nearest edge pixel, or a mirror image of the border.</source>
        <translation>填充的内容：零、某个常数、最近的边缘像素，或边界的镜像。</translation>
    </message>
    <message>
        <source>Padding mode:</source>
        <translation>填充方式：</translation>
    </message>
    <message>
        <source>The value of the padding when the mode is “constant”.</source>
        <translation>填充方式为“常数”时填充的值。</translation>
    </message>
    <message>
        <source>Constant:</source>
        <translation>常数：</translation>
    </message>
    <message>
        <source>Stride s: how many pixels the kernel moves each step (2 roughly halves the size).</source>
        <translation>步幅 s：卷积核每一步移动的像素数（取 2 时尺寸约减半）。</translation>
    </message>
    <message>
        <source>Stride s:</source>
        <translation>步幅 s：</translation>
    </message>
    <message>
        <source>Bias b: added to every weighted sum before the activation.</source>
        <translation>偏置 b：在激活函数之前加到每个加权和上。</translation>
    </message>
    <message>
        <source>Bias b:</source>
        <translation>偏置 b：</translation>
    </message>
    <message>
        <source>The activation applied to each weighted sum + b (“none” shows the raw sums).</source>
        <translation>作用于每个“加权和 + b”的激活函数（“无”显示原始的和）。</translation>
    </message>
    <message>
        <source>Activation:</source>
        <translation>激活函数：</translation>
    </message>
    <message>
        <source>Greyscale first (RGB images)</source>
        <translation>先转灰度（RGB 图像）</translation>
    </message>
    <message>
        <source>Convert an RGB image to one grey channel (0.299 R + 0.587 G + 0.114 B) before the conv layer.</source>
        <translation>在卷积层之前把 RGB 图像转换为一个灰度通道（0.299 R + 0.587 G + 0.114 B）。</translation>
    </message>
    <message>
        <source>Pooling</source>
        <translation>池化</translation>
    </message>
    <message>
        <source>Tick to summarise each window of every feature map by its max or mean.</source>
        <translation>勾选后，用最大值或平均值概括每张特征图的每个窗口。</translation>
    </message>
    <message>
        <source>Max keeps the strongest response in the window, avg the mean.</source>
        <translation>最大池化保留窗口中最强的响应，平均池化取平均值。</translation>
    </message>
    <message>
        <source>Operation:</source>
        <translation>运算：</translation>
    </message>
    <message>
        <source>The pooling window is size × size.</source>
        <translation>池化窗口为 尺寸 × 尺寸。</translation>
    </message>
    <message>
        <source>Window:</source>
        <translation>窗口：</translation>
    </message>
    <message>
        <source>How far the window moves (= window size: no overlap).</source>
        <translation>窗口每次移动的距离（等于窗口尺寸时不重叠）。</translation>
    </message>
    <message>
        <source>Stride:</source>
        <translation>步幅：</translation>
    </message>
    <message>
        <source>Depth pooling</source>
        <translation>深度池化</translation>
    </message>
    <message>
        <source>Tick to combine the kernels&apos; maps into one map (1×1 pooling across the maps).</source>
        <translation>勾选后，把各卷积核的图合成一张图（跨图的 1×1 池化）。</translation>
    </message>
    <message>
        <source>Max keeps the strongest kernel at each pixel, avg the mean.</source>
        <translation>最大池化在每个像素处保留最强的卷积核响应，平均池化取平均值。</translation>
    </message>
    <message>
        <source>{0}×{1} kernel, sum of weights {2:.3g}</source>
        <translation>{0}×{1} 卷积核，权重之和 {2:.3g}</translation>
    </message>
</context>
<context>
    <name>LabDisplay</name>
    <message>
        <source>RGB as loaded</source>
        <translation>RGB（按载入时）</translation>
    </message>
    <message>
        <source>grey levels 0 … 1</source>
        <translation>灰度级 0 … 1</translation>
    </message>
    <message>
        <source>{kind} · values {0} … {1}</source>
        <translation>{kind} · 数值 {0} … {1}</translation>
    </message>
</context>
<context>
    <name>LabHover</name>
    <message>
        <source>input rows {0}, columns {1}</source>
        <translation>输入的第 {0} 行、第 {1} 列</translation>
    </message>
    <message>
        <source> (partly padding)</source>
        <translation>（部分是填充）</translation>
    </message>
    <message>
        <source>Input pixel (y={y}, x={x}): {values}</source>
        <translation>输入像素 (y={y}, x={x})：{values}</translation>
    </message>
    <message>
        <source>Conv map {0} ({1}), pixel (y={y}, x={x})</source>
        <translation>卷积特征图 {0}（{1}），像素 (y={y}, x={x})</translation>
    </message>
    <message>
        <source>reads {window}</source>
        <translation>读取{window}</translation>
    </message>
    <message>
        <source>window (R)</source>
        <translation>窗口 (R)</translation>
    </message>
    <message>
        <source>× kernel</source>
        <translation>× 卷积核</translation>
    </message>
    <message>
        <source>Σ window·kernel per channel: </source>
        <translation>各通道的 Σ 窗口·卷积核：</translation>
    </message>
    <message>
        <source>window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Σ window·kernel = {0}</source>
        <translation>Σ 窗口·卷积核 = {0}</translation>
    </message>
    <message>
        <source>activation “{name}”: output = z = {a}   (map value {shown})</source>
        <translation>激活函数“{name}”：输出 = z = {a}   （图中的值 {shown}）</translation>
    </message>
    <message>
        <source>{name}(z) = {a}   (map value {shown})</source>
        <translation>{name}(z) = {a}   （图中的值 {shown}）</translation>
    </message>
    <message>
        <source>Pooled map {0} ({1}), pixel (y={y}, x={x})</source>
        <translation>池化图 {0}（{1}），像素 (y={y}, x={x})</translation>
    </message>
    <message>
        <source>reads conv rows {0}, columns {1}</source>
        <translation>读取卷积特征图的第 {0} 行、第 {1} 列</translation>
    </message>
    <message>
        <source>receptive field: {window}</source>
        <translation>感受野：{window}</translation>
    </message>
    <message>
        <source>conv values</source>
        <translation>卷积值</translation>
    </message>
    <message>
        <source>max of the {size}×{size} window = {v}</source>
        <translation>{size}×{size} 窗口的最大值 = {v}</translation>
    </message>
    <message>
        <source>mean of the {size}×{size} window = {v}</source>
        <translation>{size}×{size} 窗口的平均值 = {v}</translation>
    </message>
    <message>
        <source>Depth-pooled pixel (y={y}, x={x})
receptive field: {window}
max over the {n} maps of [{listed}] = {v}</source>
        <translation>深度池化像素 (y={y}, x={x})
感受野：{window}
{n} 张图 [{listed}] 的最大值 = {v}</translation>
    </message>
    <message>
        <source>Depth-pooled pixel (y={y}, x={x})
receptive field: {window}
mean over the {n} maps of [{listed}] = {v}</source>
        <translation>深度池化像素 (y={y}, x={x})
感受野：{window}
{n} 张图 [{listed}] 的平均值 = {v}</translation>
    </message>
</context>
<context>
    <name>LabNames</name>
    <message>
        <source>identity</source>
        <translation>恒等</translation>
    </message>
    <message>
        <source>box</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>gaussian</source>
        <translation>高斯</translation>
    </message>
    <message>
        <source>sharpen</source>
        <translation>锐化</translation>
    </message>
    <message>
        <source>sobel-x</source>
        <translation>Sobel-x</translation>
    </message>
    <message>
        <source>sobel-y</source>
        <translation>Sobel-y</translation>
    </message>
    <message>
        <source>prewitt-x</source>
        <translation>Prewitt-x</translation>
    </message>
    <message>
        <source>prewitt-y</source>
        <translation>Prewitt-y</translation>
    </message>
    <message>
        <source>laplacian</source>
        <translation>拉普拉斯</translation>
    </message>
    <message>
        <source>emboss</source>
        <translation>浮雕</translation>
    </message>
    <message>
        <source>outline</source>
        <translation>轮廓</translation>
    </message>
    <message>
        <source>random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>learned-h</source>
        <translation>学到的-横向</translation>
    </message>
    <message>
        <source>learned-v</source>
        <translation>学到的-纵向</translation>
    </message>
    <message>
        <source>zeros</source>
        <translation>零</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>常数</translation>
    </message>
    <message>
        <source>nearest</source>
        <translation>最近边缘</translation>
    </message>
    <message>
        <source>reflect</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>relu</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>leaky_relu</source>
        <translation>Leaky ReLU</translation>
    </message>
    <message>
        <source>sigmoid</source>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <source>tanh</source>
        <translation>tanh</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>avg</source>
        <translation>平均值</translation>
    </message>
</context>
<context>
    <name>LabSaving</name>
    <message>
        <source>could not write PNG data to {0}</source>
        <translation>无法把 PNG 数据写入 {0}</translation>
    </message>
    <message>
        <source>cannot write there ({0})</source>
        <translation>无法写入该位置（{0}）</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>The new language applies the next time CNN Visualiser starts.</source>
        <translation>新的语言将在下次启动 CNN Visualiser 时生效。</translation>
    </message>
    <message>
        <source>Change the language</source>
        <translation>更改语言</translation>
    </message>
    <message>
        <source>The window speaks the new language after a restart. Restart CNN Visualiser now?</source>
        <translation>重新启动后窗口才会使用新的语言。现在重新启动 CNN Visualiser 吗？</translation>
    </message>
    <message>
        <source>Unsaved changes are asked about first, as when the window closes.</source>
        <translation>和关闭窗口时一样，会先询问是否保存未保存的更改。</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>立即重启</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
</context>
<context>
    <name>LayerEditor</name>
    <message>
        <source>Digits net (8×8)</source>
        <translation>手写数字网络（8×8）</translation>
    </message>
    <message>
        <source>Two conv layers</source>
        <translation>两个卷积层</translation>
    </message>
    <message>
        <source>LeNet-like (28×28)</source>
        <translation>类 LeNet（28×28）</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Layer list</source>
        <translation>层列表</translation>
    </message>
    <message>
        <source>Double-click a layer to change it, e.g. conv:N:K:S:P, maxpool:K, dense:N.</source>
        <translation>双击某一层来修改它，例如 conv:N:K:S:P、maxpool:K、dense:N。</translation>
    </message>
    <message>
        <source>Layer to add</source>
        <translation>要添加的层</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove the selected layer</source>
        <translation>删除选中的层</translation>
    </message>
    <message>
        <source>Add this layer after the selected one</source>
        <translation>在选中的层之后添加这一层</translation>
    </message>
    <message>
        <source>Move the selected layer up</source>
        <translation>上移选中的层</translation>
    </message>
    <message>
        <source>Move the selected layer down</source>
        <translation>下移选中的层</translation>
    </message>
    <message>
        <source>Presets…</source>
        <translation>预设…</translation>
    </message>
    <message>
        <source>Layer presets</source>
        <translation>层预设</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Apply layers</source>
        <translation>应用这些层</translation>
    </message>
    <message>
        <source>Build this network (training starts again from new weights).</source>
        <translation>构建这个网络（从新的权重重新开始训练）。</translation>
    </message>
    <message>
        <source>Layer error</source>
        <translation>层错误</translation>
    </message>
    <message>
        <source>Output sizes</source>
        <translation>输出尺寸</translation>
    </message>
</context>
<context>
    <name>Levels</name>
    <message>
        <source>same colours as {stage}</source>
        <translation>与{stage}颜色相同</translation>
    </message>
    <message>
        <source>colours {0} … {1}</source>
        <translation>颜色 {0} … {1}</translation>
    </message>
    <message>
        <source>{scale}, clipped at {clip} · true range {0} … {1}</source>
        <translation>{scale}，在 {clip} 处截断 · 实际范围 {0} … {1}</translation>
    </message>
    <message>
        <source>{scale} · full range {0} … {1}</source>
        <translation>{scale} · 完整范围 {0} … {1}</translation>
    </message>
    <message>
        <source> · {nans:,} NaN (magenta)</source>
        <translation> · {nans:,} 个 NaN（品红色）</translation>
    </message>
</context>
<context>
    <name>Limits</name>
    <message>
        <source>the epoch limit must be 0 (no limit) or more, got {n}</source>
        <translation>训练轮次上限必须是 0（无上限）或更大，收到的是 {n}</translation>
    </message>
    <message>
        <source>Reached the epoch limit ({0}).</source>
        <translation>已达到训练轮次上限（{0}）。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>CNN Visualiser</source>
        <translation>CNN Visualiser</translation>
    </message>
    <message>
        <source>Image lab</source>
        <translation>图像实验室</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>CNN on images</source>
        <translation>图像上的 CNN</translation>
    </message>
</context>
<context>
    <name>MisclassifiedGallery</name>
    <message>
        <source>Misclassified validation images</source>
        <translation>分类错误的验证集图像</translation>
    </message>
    <message>
        <source>Misclassified</source>
        <translation>分类错误</translation>
    </message>
    <message>
        <source>; the first {0} shown</source>
        <translation>；显示前 {0} 张</translation>
    </message>
    <message>
        <source>{n} of {0} validation images misclassified (true → predicted{more}). Click one to see its feature maps.</source>
        <translation>{0} 张验证集图像中有 {n} 张分类错误（真实 → 预测{more}）。点击一张可查看它的特征图。</translation>
    </message>
</context>
<context>
    <name>Moment</name>
    <message>
        <source>Epoch {0}</source>
        <translation>第 {0} 轮</translation>
    </message>
    <message>
        <source> (recorded)</source>
        <translation>（已记录）</translation>
    </message>
    <message>
        <source>Mean loss –</source>
        <translation>平均损失 –</translation>
    </message>
    <message>
        <source>Mean loss {0}</source>
        <translation>平均损失 {0}</translation>
    </message>
    <message>
        <source> of {total}</source>
        <translation>/{total}</translation>
    </message>
    <message>
        <source>sample {0}{of} · sub-step {1} of {2}</source>
        <translation>样本 {0}{of} · 子步骤 {1}/{2}</translation>
    </message>
</context>
<context>
    <name>NetworkControls</name>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Running {0} of {1} epochs: the epoch limit ({2}) stops the run there (raise it in the Experiment tab to go further).</source>
        <translation>正在训练 {1} 轮中的 {0} 轮：训练轮次上限（{2}）让训练停在那里（要继续，请在“实验”选项卡中调高上限）。</translation>
    </message>
    <message>
        <source>Change the shape? The trained network (epoch {0:,}) is replaced; Edit → Undo brings it back.</source>
        <translation>更改形状吗？已训练的网络（第 {0:,} 轮）将被替换；“编辑 → 撤销”可以找回它。</translation>
    </message>
    <message>
        <source>Reset the weights? The trained network (epoch {0:,}) is replaced; Edit → Undo brings it back.</source>
        <translation>重置权重吗？已训练的网络（第 {0:,} 轮）将被替换；“编辑 → 撤销”可以找回它。</translation>
    </message>
    <message>
        <source>Apply these settings? The trained network (epoch {0:,}) is replaced; Edit → Undo brings it back.</source>
        <translation>应用这些设置吗？已训练的网络（第 {0:,} 轮）将被替换；“编辑 → 撤销”可以找回它。</translation>
    </message>
    <message>
        <source>{what}? The trained network (epoch {0:,}) is replaced; Edit → Undo brings it back.</source>
        <translation>{what}？已训练的网络（第 {0:,} 轮）将被替换；“编辑 → 撤销”可以找回它。</translation>
    </message>
    <message>
        <source>CNN Visualiser</source>
        <translation>CNN Visualiser</translation>
    </message>
    <message>
        <source>Don&apos;t ask again</source>
        <translation>不再询问</translation>
    </message>
    <message>
        <source>&amp;Undo {0}</source>
        <translation>撤销{0}(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Undone: the network before the last command is back.</source>
        <translation>已撤销：上一条命令之前的网络回来了。</translation>
    </message>
    <message>
        <source>{reason} {loss} at {epoch}.</source>
        <translation>{reason} {epoch}时{loss}。</translation>
    </message>
    <message>
        <source>Running {0} epochs: {1} done …</source>
        <translation>正在训练 {0} 轮：已完成 {1} 轮 …</translation>
    </message>
    <message>
        <source>Ran {0} epochs.</source>
        <translation>已训练 {0} 轮。</translation>
    </message>
</context>
<context>
    <name>NetworkDiagram</name>
    <message>
        <source>Network diagram</source>
        <translation>网络图</translation>
    </message>
    <message>
        <source>Network diagram canvas</source>
        <translation>网络图画布</translation>
    </message>
    <message>
        <source>node value</source>
        <translation>节点值</translation>
    </message>
</context>
<context>
    <name>NetworkTab</name>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>实验</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Which data, and the training settings (Apply to use them).</source>
        <translation>用哪些数据，以及训练设置（按“应用”后生效）。</translation>
    </message>
    <message>
        <source>The network&apos;s shape: inputs, kernels, stride, padding, output, dropout.</source>
        <translation>网络的形状：输入、卷积核、步幅、填充、输出、Dropout。</translation>
    </message>
    <message>
        <source>Stop training at a loss, or when a weight crosses a value.</source>
        <translation>在损失达到某值或某个权重越过某值时停止训练。</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Plots and checks</source>
        <translation>曲线与检验</translation>
    </message>
    <message>
        <source>Plots</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Gradient check</source>
        <translation>梯度检验</translation>
    </message>
    <message>
        <source>Backprop&apos;s gradients beside finite differences, for this sample.</source>
        <translation>对当前样本，把反向传播的梯度与有限差分并排比较。</translation>
    </message>
    <message>
        <source>Accuracy against epoch and the confusion matrix of the epoch shown.</source>
        <translation>准确率随训练轮次的变化，以及显示轮次的混淆矩阵。</translation>
    </message>
    <message>
        <source>Formulas and activations</source>
        <translation>公式与激活函数</translation>
    </message>
    <message>
        <source>Formulas</source>
        <translation>公式</translation>
    </message>
    <message>
        <source>Activation explorer</source>
        <translation>激活函数探索</translation>
    </message>
    <message>
        <source>f(z) and f′(z) with every feature-map node&apos;s operating point.</source>
        <translation>f(z) 和 f′(z)，以及每个特征图节点的工作点。</translation>
    </message>
    <message>
        <source>Diagram and plots</source>
        <translation>网络图与曲线</translation>
    </message>
    <message>
        <source>Views and formulas</source>
        <translation>视图与公式</translation>
    </message>
    <message>
        <source>Settings and views</source>
        <translation>设置与视图</translation>
    </message>
    <message>
        <source>Training stopped</source>
        <translation>训练已停止</translation>
    </message>
    <message>
        <source>Gradient check not possible here: {0}</source>
        <translation>这里无法做梯度检验：{0}</translation>
    </message>
</context>
<context>
    <name>OptimizerRace</name>
    <message>
        <source>momentum (0.9)</source>
        <translation>动量（0.9）</translation>
    </message>
    <message>
        <source>gd, η × {decay} per epoch</source>
        <translation>gd，η 每轮 × {decay}</translation>
    </message>
    <message>
        <source>Race</source>
        <translation>开始比赛</translation>
    </message>
    <message>
        <source>Train gd, momentum, Adam and gd with a decaying η from the same start.</source>
        <translation>从同一起点分别用 gd、动量、Adam 和 η 衰减的 gd 训练。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the race now; the curves so far stay on the plot.</source>
        <translation>立即停止比赛；已画出的曲线保留在图上。</translation>
    </message>
    <message>
        <source>How many epochs each optimiser trains (the chapter trains 1000).</source>
        <translation>每个优化器训练多少轮（本章训练 1000 轮）。</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>训练轮次</translation>
    </message>
    <message>
        <source>Epochs trained by all four optimisers together.</source>
        <translation>四个优化器一共训练的轮数。</translation>
    </message>
    <message>
        <source>The network, data and learning rate every optimiser gets.</source>
        <translation>每个优化器得到的网络、数据和学习率。</translation>
    </message>
    <message>
        <source>Press Race to train the four optimisers side by side.</source>
        <translation>按“开始比赛”让四个优化器并排训练。</translation>
    </message>
    <message>
        <source>Where each optimiser is, and why it stopped.</source>
        <translation>每个优化器进行到哪里，以及为什么停止。</translation>
    </message>
    <message>
        <source>Loss per epoch for each optimiser, both axes logarithmic.</source>
        <translation>每个优化器每轮的损失，两个坐标轴都是对数刻度。</translation>
    </message>
    <message>
        <source>epoch (log scale)</source>
        <translation>训练轮次（对数刻度）</translation>
    </message>
    <message>
        <source>loss (log scale)</source>
        <translation>损失（对数刻度）</translation>
    </message>
    <message>
        <source>softmax, 3 classes</source>
        <translation>softmax，3 个类别</translation>
    </message>
    <message>
        <source>1 linear output</source>
        <translation>1 个线性输出</translation>
    </message>
    <message>
        <source>1 kernel of {k}</source>
        <translation>1 个尺寸为 {k} 的卷积核</translation>
    </message>
    <message>
        <source>{n} kernels of {k}</source>
        <translation>{n} 个尺寸为 {k} 的卷积核</translation>
    </message>
    <message>
        <source>1 feature-map node</source>
        <translation>1 个特征图节点</translation>
    </message>
    <message>
        <source>{n} feature-map nodes</source>
        <translation>{n} 个特征图节点</translation>
    </message>
    <message>
        <source>1 sample</source>
        <translation>1 个样本</translation>
    </message>
    <message>
        <source>{n} samples</source>
        <translation>{n} 个样本</translation>
    </message>
    <message>
        <source>, dropout {p:g}</source>
        <translation>，Dropout {p:g}</translation>
    </message>
    <message>
        <source>{inputs} inputs, {kernels}, {nodes}, {out}{dropout} · {samples} · η = {lr:g} · batch mode · seed {seed}</source>
        <translation>{inputs} 个输入，{kernels}，{nodes}，{out}{dropout} · {samples} · η = {lr:g} · 批量模式 · 种子 {seed}</translation>
    </message>
    <message>
        <source>Racing…</source>
        <translation>比赛中…</translation>
    </message>
    <message>
        <source> at epoch {epoch}</source>
        <translation>，第 {epoch} 轮</translation>
    </message>
    <message>
        <source> (diverged)</source>
        <translation>（发散）</translation>
    </message>
    <message>
        <source>Cancelled. Final loss, lowest first: {0}.</source>
        <translation>已取消。最终损失，从低到高：{0}。</translation>
    </message>
    <message>
        <source>Finished. Final loss, lowest first: {0}.</source>
        <translation>已完成。最终损失，从低到高：{0}。</translation>
    </message>
    <message>
        <source> Diverged (η too large for it): {0}.</source>
        <translation> 发散的（η 对它太大）：{0}。</translation>
    </message>
</context>
<context>
    <name>Pipeline</name>
    <message>
        <source>choose at least one kernel</source>
        <translation>请至少选择一个卷积核</translation>
    </message>
    <message>
        <source>your own weights</source>
        <translation>你自己的权重</translation>
    </message>
    <message>
        <source>the kernel {name}</source>
        <translation>卷积核 {name}</translation>
    </message>
    <message>
        <source>the kernels of one layer must share a size ({listed})</source>
        <translation>同一层的卷积核必须尺寸相同（{listed}）</translation>
    </message>
    <message>
        <source>custom kernel: {0}</source>
        <translation>自定义卷积核：{0}</translation>
    </message>
    <message>
        <source>custom kernel: it must be square (k×k); this one is {0} rows × {1} columns</source>
        <translation>自定义卷积核：必须是方阵（k×k）；这个是 {0} 行 × {1} 列</translation>
    </message>
    <message>
        <source>1 kernel on this {w}×{h} image would need about {need} of memory, more than the lab&apos;s limit of {limit}; tick fewer kernels, use a stride of 2, or open the image downscaled</source>
        <translation>在这张 {w}×{h} 的图像上使用 1 个卷积核约需 {need} 内存，超过实验室 {limit} 的上限；请少勾选几个卷积核、把步幅设为 2，或以缩小的尺寸打开图像</translation>
    </message>
    <message>
        <source>{n} kernels on this {w}×{h} image would need about {need} of memory, more than the lab&apos;s limit of {limit}; tick fewer kernels, use a stride of 2, or open the image downscaled</source>
        <translation>在这张 {w}×{h} 的图像上使用 {n} 个卷积核约需 {need} 内存，超过实验室 {limit} 的上限；请少勾选几个卷积核、把步幅设为 2，或以缩小的尺寸打开图像</translation>
    </message>
    <message>
        <source>stride must be at least 1</source>
        <translation>步幅至少为 1</translation>
    </message>
    <message>
        <source>padding cannot be negative</source>
        <translation>填充不能为负</translation>
    </message>
    <message>
        <source>the {k}×{k} kernel is larger than the padded image ({0}×{1}); lower the kernel size or add padding</source>
        <translation>{k}×{k} 卷积核比填充后的图像（{0}×{1}）还大；请减小卷积核尺寸或增加填充</translation>
    </message>
    <message>
        <source>reflect padding of {p} needs an image at least {0} px on each side (this one is {w}×{h})</source>
        <translation>镜像填充 {p} 要求图像每边至少 {0} 像素（这张是 {w}×{h}）</translation>
    </message>
    <message>
        <source>the {size}×{size} pooling window is larger than the {pw}×{ph} feature map</source>
        <translation>{size}×{size} 的池化窗口比 {pw}×{ph} 的特征图还大</translation>
    </message>
    <message>
        <source>pool: {0}, {1}</source>
        <translation>池化：{0}，{1}</translation>
    </message>
    <message>
        <source>depth pool: {n} maps → 1 ({op} over kernels)</source>
        <translation>深度池化：{n} 张图 → 1 张（对各卷积核取{op}）</translation>
    </message>
    <message>
        <source>the weighted sums overflow float32 (beyond ±3.4e38): use smaller weights</source>
        <translation>加权和超出 float32 的范围（超过 ±3.4e38）：请使用较小的权重</translation>
    </message>
</context>
<context>
    <name>ProbabilityBars</name>
    <message>
        <source>Class probabilities</source>
        <translation>类别概率</translation>
    </message>
    <message>
        <source>predicted {0} ({1} %)</source>
        <translation>预测为 {0}（{1} %）</translation>
    </message>
    <message>
        <source>Probabilities appear as you draw.</source>
        <translation>书写时这里会显示概率。</translation>
    </message>
</context>
<context>
    <name>RecentFiles</name>
    <message>
        <source>Removed from Open Recent (no longer there): {names}.</source>
        <translation>已从“最近打开”中移除（文件已不存在）：{names}。</translation>
    </message>
    <message>
        <source>No recent workspaces</source>
        <translation>没有最近的工作区</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>清空列表</translation>
    </message>
</context>
<context>
    <name>Remembered</name>
    <message>
        <source>mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>optimiser</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>initialiser</source>
        <translation>初始化方法</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>η decay</source>
        <translation>η 衰减</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>kernels</source>
        <translation>卷积核数</translation>
    </message>
    <message>
        <source>kernel size</source>
        <translation>卷积核尺寸</translation>
    </message>
    <message>
        <source>stride</source>
        <translation>步幅</translation>
    </message>
    <message>
        <source>padding</source>
        <translation>填充</translation>
    </message>
    <message>
        <source>dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <source>Restored from your last session: {0} — not the chapter&apos;s settings (the Experiment and Shape tabs show them).</source>
        <translation>已恢复上次会话的设置：{0} —— 不是本章的设置（“实验”和“形状”选项卡中可以看到）。</translation>
    </message>
    <message>
        <source>The image {image} is missing; the lab keeps its current image.</source>
        <translation>图像 {image} 不存在；实验室保留当前的图像。</translation>
    </message>
</context>
<context>
    <name>RunProgress</name>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>%v / %m epochs</source>
        <translation>%v / %m 轮</translation>
    </message>
    <message>
        <source>%v / %m rows</source>
        <translation>%v / %m 行</translation>
    </message>
    <message>
        <source>filtering…</source>
        <translation>正在滤波…</translation>
    </message>
    <message>
        <source>Cancelled Run N epochs after {done} of {total}.</source>
        <translation>已取消“训练 N 轮”：完成了 {total} 轮中的 {done} 轮。</translation>
    </message>
    <message>
        <source>Cancelled the image lab&apos;s filtering.</source>
        <translation>已取消图像实验室的滤波。</translation>
    </message>
</context>
<context>
    <name>ShapeEditor</name>
    <message>
        <source>1 kernel of {k}</source>
        <translation>1 个尺寸为 {k} 的卷积核</translation>
    </message>
    <message>
        <source>{n} kernels of {k}</source>
        <translation>{n} 个尺寸为 {k} 的卷积核</translation>
    </message>
    <message>
        <source>{nk} × {npos} = {nodes} feature-map nodes {maps}</source>
        <translation>{nk} × {npos} = {nodes} 个特征图节点 {maps}</translation>
    </message>
    <message>
        <source>{nodes} feature-map nodes {maps}</source>
        <translation>{nodes} 个特征图节点 {maps}</translation>
    </message>
    <message>
        <source>1 feature-map node {maps}</source>
        <translation>1 个特征图节点 {maps}</translation>
    </message>
    <message>
        <source>{n} inputs → {kernels} (stride {stride}, padding {padding}) → {fmap} → {out}</source>
        <translation>{n} 个输入 → {kernels}（步幅 {stride}，填充 {padding}）→ {fmap} → {out}</translation>
    </message>
    <message>
        <source>Stride {0} &gt; kernel size {1}: some inputs are never seen.</source>
        <translation>步幅 {0} &gt; 卷积核尺寸 {1}：有些输入永远不会被看到。</translation>
    </message>
    <message>
        <source>Padding {0} ≥ kernel size {1}: the end nodes see only zeros.</source>
        <translation>填充 {0} ≥ 卷积核尺寸 {1}：两端的节点只看到零。</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>How many values each 1D image has (the chapter: 5, I1–I5); 3–{MAX_INPUTS}.</source>
        <translation>每张一维图像有多少个值（本章：5 个，I1–I5）；3–{MAX_INPUTS}。</translation>
    </message>
    <message>
        <source>Kernel size</source>
        <translation>卷积核尺寸</translation>
    </message>
    <message>
        <source>How many inputs one kernel covers (the chapter: 3, K6–K8); at most inputs + 2·padding.</source>
        <translation>一个卷积核覆盖多少个输入（本章：3 个，K6–K8）；最多为 输入 + 2·填充。</translation>
    </message>
    <message>
        <source>Kernels</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <source>How many kernels slide along the input, each with its own feature map (1–{MAX_KERNELS}).</source>
        <translation>有多少个卷积核沿输入滑动，每个都有自己的特征图（1–{MAX_KERNELS}）。</translation>
    </message>
    <message>
        <source>Stride</source>
        <translation>步幅</translation>
    </message>
    <message>
        <source>How many inputs the kernel moves between feature-map nodes (the chapter: 1).</source>
        <translation>相邻特征图节点之间卷积核移动多少个输入（本章：1）。</translation>
    </message>
    <message>
        <source>Zero padding</source>
        <translation>零填充</translation>
    </message>
    <message>
        <source>How many zeros are added at each end of the input before sliding the kernel.</source>
        <translation>滑动卷积核之前在输入两端各补多少个零。</translation>
    </message>
    <message>
        <source>Regression: 1 linear output</source>
        <translation>回归：1 个线性输出</translation>
    </message>
    <message>
        <source>Classification: softmax, {N_CLASSES} classes</source>
        <translation>分类：softmax，{N_CLASSES} 个类别</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Regression predicts one number (the chapter&apos;s slope); classification gives {N_CLASSES} class probabilities.</source>
        <translation>回归预测一个数（本章的斜率）；分类给出 {N_CLASSES} 个类别的概率。</translation>
    </message>
    <message>
        <source>Dropout p</source>
        <translation>Dropout p</translation>
    </message>
    <message>
        <source>Probability that a feature-map node is dropped in a training epoch (0 = off).</source>
        <translation>一个特征图节点在一轮训练中被丢弃的概率（0 = 关闭）。</translation>
    </message>
    <message>
        <source>The network this shape builds, with the chapter&apos;s node numbering.</source>
        <translation>这个形状构建出的网络，按本章的方式给节点编号。</translation>
    </message>
    <message>
        <source>Legal but surprising choices, explained; they do not stop Apply.</source>
        <translation>合法但出人意料的选择的说明；它们不妨碍“应用”。</translation>
    </message>
    <message>
        <source>Apply shape</source>
        <translation>应用形状</translation>
    </message>
    <message>
        <source>Rebuild the network with this shape (discards the current training).</source>
        <translation>按这个形状重建网络（丢弃当前的训练）。</translation>
    </message>
    <message>
        <source>Chapter</source>
        <translation>本章</translation>
    </message>
    <message>
        <source>Go back to the chapter&apos;s shape: 5 inputs, one kernel of 3, one output.</source>
        <translation>回到本章的形状：5 个输入，一个尺寸为 3 的卷积核，一个输出。</translation>
    </message>
    <message>
        <source>&lt;b&gt;The network this shape builds&lt;/b&gt;</source>
        <translation>&lt;b&gt;这个形状构建出的网络&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Change the network&apos;s shape</source>
        <translation>更改网络形状</translation>
    </message>
    <message>
        <source>Changing the shape discards the trained network (epoch {0}). Continue?</source>
        <translation>更改形状会丢弃已训练的网络（第 {0} 轮）。继续吗？</translation>
    </message>
    <message>
        <source>Fix the field marked in red to apply.</source>
        <translation>请先修正标红的字段再应用。</translation>
    </message>
</context>
<context>
    <name>StageView</name>
    <message>
        <source>Conv</source>
        <translation>卷积</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Pooled</source>
        <translation>池化后</translation>
    </message>
    <message>
        <source>Depth-pooled</source>
        <translation>深度池化后</translation>
    </message>
    <message>
        <source>Wheel: scroll · Ctrl+wheel: zoom · Ctrl+0: fit</source>
        <translation>滚轮：滚动 · Ctrl+滚轮：缩放 · Ctrl+0：适应窗口</translation>
    </message>
    <message>
        <source>&lt;b&gt;Kernels&lt;/b&gt;</source>
        <translation>&lt;b&gt;卷积核&lt;/b&gt;</translation>
    </message>
    <message>
        <source> · RGB</source>
        <translation> · RGB</translation>
    </message>
    <message>
        <source>{name}&lt;br&gt;{size}{rgb}</source>
        <translation>{name}&lt;br&gt;{size}{rgb}</translation>
    </message>
    <message>
        <source>{name}: {explanation}</source>
        <translation>{name}：{explanation}</translation>
    </message>
    <message>
        <source> On an RGB image the same weights are applied to R, G and B and the sums added.</source>
        <translation> 在 RGB 图像上，同一组权重分别作用于 R、G、B，再把各个和相加。</translation>
    </message>
    <message>
        <source>RGB</source>
        <translation>RGB</translation>
    </message>
    <message>
        <source>grey</source>
        <translation>灰度</translation>
    </message>
    <message>
        <source>&lt;b&gt;Input&lt;/b&gt; {size} ({kind})</source>
        <translation>&lt;b&gt;输入&lt;/b&gt; {size}（{kind}）</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt; {size} · 1 map</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt; {size} · 1 张图</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt; {size} · {n} maps</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt; {size} · {n} 张图</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Status message</source>
        <translation>状态消息</translation>
    </message>
    <message>
        <source>Epoch 0</source>
        <translation>第 0 轮</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>训练轮次</translation>
    </message>
    <message>
        <source>Epoch N is the network after N epochs of training (the chapter&apos;s batch mode: after N updates).</source>
        <translation>第 N 轮指训练了 N 轮之后的网络（本章的批量模式下：即 N 次更新之后）。</translation>
    </message>
    <message>
        <source>Mean loss –</source>
        <translation>平均损失 –</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>The mean loss over the whole data set of the network shown (without dropout). The formulas show P, one sample&apos;s loss.</source>
        <translation>当前显示的网络在整个数据集上的平均损失（不含 Dropout）。公式中显示的 P 是单个样本的损失。</translation>
    </message>
    <message>
        <source>Step-through: {where} — {title}. Press → for the next.</source>
        <translation>逐步演示：{where} —— {title}。按 → 进入下一步。</translation>
    </message>
    <message>
        <source>Showing {epoch}; press Play to go on from the latest epoch.</source>
        <translation>正在显示{epoch}；按“播放”从最新的轮次继续。</translation>
    </message>
</context>
<context>
    <name>StepFiles</name>
    <message>
        <source>CSV table (*.csv);;LaTeX (*.tex)</source>
        <translation>CSV 表格 (*.csv);;LaTeX (*.tex)</translation>
    </message>
</context>
<context>
    <name>StepThroughView</name>
    <message>
        <source>Pick an image in Feature maps, then step through its forward and backward pass.</source>
        <translation>在“特征图”中选一张图像，然后逐步查看它的前向传播和反向传播。</translation>
    </message>
    <message>
        <source>Step-through</source>
        <translation>逐步演示</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Step through the picked image</source>
        <translation>逐步演示选中的图像</translation>
    </message>
    <message>
        <source>Step through the picked image: its forward pass layer by layer, then the backward pass.</source>
        <translation>逐步演示选中的图像：先逐层前向传播，再反向传播。</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <source>Previous sub-step</source>
        <translation>上一个子步骤</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <source>Next sub-step</source>
        <translation>下一个子步骤</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Leave the step-through</source>
        <translation>退出逐步演示</translation>
    </message>
    <message>
        <source>Sub-step</source>
        <translation>子步骤</translation>
    </message>
    <message>
        <source>Sub-step numbers</source>
        <translation>子步骤的数值</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>The weight&apos;s k (kernel)</source>
        <translation>权重的 k（卷积核）</translation>
    </message>
    <message>
        <source>The weight&apos;s i (row)</source>
        <translation>权重的 i（行）</translation>
    </message>
    <message>
        <source>The weight&apos;s j (column)</source>
        <translation>权重的 j（列）</translation>
    </message>
    <message>
        <source>The weight&apos;s c (channel)</source>
        <translation>权重的 c（通道）</translation>
    </message>
    <message>
        <source>Gradient total</source>
        <translation>梯度总和</translation>
    </message>
    <message>
        <source>Gradient terms</source>
        <translation>梯度的各项</translation>
    </message>
    <message>
        <source>{0}   (sub-step {1} of {n})</source>
        <translation>{0}   （子步骤 {1}/{n}）</translation>
    </message>
    <message>
        <source>the input image</source>
        <translation>输入图像</translation>
    </message>
    <message>
        <source>δ of layer {0} (−{1} … 0 … +{1})</source>
        <translation>第 {0} 层的 δ（−{1} … 0 … +{1}）</translation>
    </message>
    <message>
        <source>output of layer {0} (probabilities, 0 … 1)</source>
        <translation>第 {0} 层的输出（概率，0 … 1）</translation>
    </message>
    <message>
        <source>output of layer {0} (−{1} … 0 … +{1})</source>
        <translation>第 {0} 层的输出（−{1} … 0 … +{1}）</translation>
    </message>
    <message>
        <source>Click a cell of the δ map to light up its term (δ colours: −{0} … 0 … +{0}).</source>
        <translation>点击 δ 图中的一个单元，点亮它对应的那一项（δ 的颜色：−{0} … 0 … +{0}）。</translation>
    </message>
    <message>
        <source>equal</source>
        <translation>相等</translation>
    </message>
    <message>
        <source>DIFFERENT</source>
        <translation>不相等</translation>
    </message>
    <message>
        <source>{equation}
Σ of the {n} terms = {total}; the core&apos;s ∂loss/∂{weight}[{k},{i},{j},{c}] = {core} ({agree})</source>
        <translation>{equation}
{n} 项之和 Σ = {total}；核心计算的 ∂损失/∂{weight}[{k},{i},{j},{c}] = {core}（{agree}）</translation>
    </message>
    <message>
        <source>  (padding)</source>
        <translation>  （填充）</translation>
    </message>
    <message>
        <source>input channel {0}</source>
        <translation>输入通道 {0}</translation>
    </message>
    <message>
        <source>δ of kernel {0}</source>
        <translation>卷积核 {0} 的 δ</translation>
    </message>
</context>
<context>
    <name>StopPanel</name>
    <message>
        <source>At epoch</source>
        <translation>到达轮次</translation>
    </message>
    <message>
        <source>Stop when this many epochs are complete (the chapter trains 1000).</source>
        <translation>完成这么多轮后停止（本章训练 1000 轮）。</translation>
    </message>
    <message>
        <source>When loss &lt; ε</source>
        <translation>当损失 &lt; ε</translation>
    </message>
    <message>
        <source>Stop when an epoch&apos;s mean loss falls below ε, a positive number such as 1e-4.</source>
        <translation>当某轮的平均损失降到 ε 以下时停止；ε 是正数，例如 1e-4。</translation>
    </message>
    <message>
        <source>When weight</source>
        <translation>当权重</translation>
    </message>
    <message>
        <source>The parameter to watch (chapter names: K6…, λ9,12…, b_conv, b12).</source>
        <translation>要监视的参数（本章的名称：K6…、λ9,12…、b_conv、b12）。</translation>
    </message>
    <message>
        <source>crosses</source>
        <translation>越过</translation>
    </message>
    <message>
        <source>The value the weight must cross, from either side, to stop.</source>
        <translation>权重从任一侧越过这个值时停止。</translation>
    </message>
    <message>
        <source>Stop in the epoch the chosen weight passes through the value, from either side.</source>
        <translation>在所选权重从任一侧越过这个值的那一轮停止。</translation>
    </message>
    <message>
        <source>On a non-finite value (built in)</source>
        <translation>出现非有限值时（内置）</translation>
    </message>
    <message>
        <source>Always on: the trainer itself stops, keeping the last good weights, when the loss or a weight becomes infinite or NaN (usually a learning rate that is too large).</source>
        <translation>始终开启：当损失或某个权重变成无穷大或 NaN 时（通常是学习率太大），训练器自己停止，并保留最后一组正常的权重。</translation>
    </message>
    <message>
        <source>Always on: the trainer stops by itself, keeping the last good weights, when the loss or a weight becomes infinite or NaN.</source>
        <translation>始终开启：当损失或某个权重变成无穷大或 NaN 时，训练器自己停止，并保留最后一组正常的权重。</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>ε</source>
        <translation>ε</translation>
    </message>
    <message>
        <source>ε: must be greater than 0 (the loss is never negative)</source>
        <translation>ε：必须大于 0（损失永远不会是负数）</translation>
    </message>
    <message>
        <source>choose a weight (the network has none listed)</source>
        <translation>请选择一个权重（网络中没有列出任何权重）</translation>
    </message>
    <message>
        <source>threshold</source>
        <translation>阈值</translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <source>kernel weight</source>
        <translation>卷积核权重</translation>
    </message>
    <message>
        <source>output weight</source>
        <translation>输出权重</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Click or drag on a plot to show that epoch; right-click for the plot menu.</source>
        <translation>在曲线上点击或拖动可显示那一轮；右键打开曲线菜单。</translation>
    </message>
    <message>
        <source>log loss axis</source>
        <translation>损失用对数坐标</translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic axis, where its steady fall is clearer.</source>
        <translation>在对数坐标上显示损失，它的稳定下降会更清楚。</translation>
    </message>
    <message>
        <source>epoch (log)</source>
        <translation>训练轮次（对数）</translation>
    </message>
    <message>
        <source>The epoch shown in the diagram; drag to move through the run.</source>
        <translation>网络图中显示的轮次；拖动可在整个训练过程中移动。</translation>
    </message>
    <message>
        <source>mean loss over the data set</source>
        <translation>整个数据集上的平均损失</translation>
    </message>
    <message>
        <source>mean loss over the data set (no dropout)</source>
        <translation>整个数据集上的平均损失（不含 Dropout）</translation>
    </message>
    <message>
        <source>training loss with dropout</source>
        <translation>含 Dropout 的训练损失</translation>
    </message>
    <message>
        <source>epoch {0}   (click or drag on a plot to go back in time)</source>
        <translation>第 {0} 轮   （在曲线上点击或拖动可回到过去）</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>Training has diverged: lower the learning rate, then press Reset.</source>
        <translation>训练发散了：请降低学习率，然后按“重置”。</translation>
    </message>
    <message>
        <source>Could not apply the settings: {exc}</source>
        <translation>无法应用这些设置：{exc}</translation>
    </message>
    <message>
        <source>{0}.</source>
        <translation>{0}。</translation>
    </message>
    <message>
        <source>Could not build the step-through: {exc}</source>
        <translation>无法构建逐步演示：{exc}</translation>
    </message>
    <message>
        <source>The step&apos;s values cannot be shown: they overflow.</source>
        <translation>无法显示这一步的数值：它们溢出了。</translation>
    </message>
    <message>
        <source>Epoch {0} cannot be shown: its values overflow.</source>
        <translation>无法显示第 {0} 轮：它的数值溢出了。</translation>
    </message>
    <message>
        <source>There is no sample {0}; the data has {1}.</source>
        <translation>没有样本 {0}；数据只有 {1} 个样本。</translation>
    </message>
</context>
<context>
    <name>WeightEditor</name>
    <message>
        <source>Edit weight</source>
        <translation>编辑权重</translation>
    </message>
    <message>
        <source>Weight editor message</source>
        <translation>权重编辑器提示</translation>
    </message>
    <message>
        <source>New value for {name}: Enter to apply, Esc to cancel</source>
        <translation>{name} 的新值：按 Enter 应用，按 Esc 取消</translation>
    </message>
    <message>
        <source>“{text}” is not a number. Type e.g. 0.25 or -1e-3.</source>
        <translation>“{text}”不是数字。请输入例如 0.25 或 -1e-3。</translation>
    </message>
    <message>
        <source>The value must be finite (not inf or nan).</source>
        <translation>数值必须是有限的（不能是 inf 或 nan）。</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>flat out</source>
        <translation>全速</translation>
    </message>
    <message>
        <source>{eps:.1f} epochs/s</source>
        <translation>{eps:.1f} 轮/秒</translation>
    </message>
    <message>
        <source>{0} epochs/s</source>
        <translation>{0} 轮/秒</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <source>Train continuously at the chosen speed; press again to pause.</source>
        <translation>按所选速度连续训练；再按一次暂停。</translation>
    </message>
    <message>
        <source>Step &amp;sample</source>
        <translation>单步样本(&amp;S)</translation>
    </message>
    <message>
        <source>Show the next sub-step of one sample&apos;s forward and backward pass.</source>
        <translation>显示一个样本的前向传播和反向传播的下一个子步骤。</translation>
    </message>
    <message>
        <source>Step &amp;epoch</source>
        <translation>单步一轮(&amp;E)</translation>
    </message>
    <message>
        <source>Train one whole epoch (or finish the one being stepped).</source>
        <translation>训练完整的一轮（或完成正在单步的这一轮）。</translation>
    </message>
    <message>
        <source>&amp;Run N epochs</source>
        <translation>训练 N 轮(&amp;R)</translation>
    </message>
    <message>
        <source>Train the number of epochs in the box next to this button.</source>
        <translation>训练这个按钮旁边框中的轮数。</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>重置(&amp;R)</translation>
    </message>
    <message>
        <source>Re-initialise the weights from the seed and forget the training run.</source>
        <translation>按种子重新初始化权重，并丢弃本次训练。</translation>
    </message>
    <message>
        <source>Show value &amp;labels</source>
        <translation>显示数值标签(&amp;L)</translation>
    </message>
    <message>
        <source>Show or hide the numbers written on the diagram.</source>
        <translation>显示或隐藏网络图上写的数值。</translation>
    </message>
    <message>
        <source>&amp;More digits</source>
        <translation>更多位数(&amp;M)</translation>
    </message>
    <message>
        <source>Show one more decimal digit in the diagram&apos;s labels.</source>
        <translation>网络图的标签多显示一位数字。</translation>
    </message>
    <message>
        <source>&amp;Fewer digits</source>
        <translation>更少位数(&amp;F)</translation>
    </message>
    <message>
        <source>Show one decimal digit fewer in the diagram&apos;s labels.</source>
        <translation>网络图的标签少显示一位数字。</translation>
    </message>
    <message>
        <source>&amp;How to read the window</source>
        <translation>如何阅读本窗口(&amp;H)</translation>
    </message>
    <message>
        <source>Explain the diagram, the formulas and the controls.</source>
        <translation>解释网络图、公式和各个控件。</translation>
    </message>
    <message>
        <source>&amp;About CNN Visualiser</source>
        <translation>关于 CNN Visualiser(&amp;A)</translation>
    </message>
    <message>
        <source>Show the program&apos;s purpose and the licences of the bundled images.</source>
        <translation>显示本程序的用途以及自带图像的许可协议。</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Close the window and stop training.</source>
        <translation>关闭窗口并停止训练。</translation>
    </message>
    <message>
        <source>&amp;Flat out</source>
        <translation>全速(&amp;F)</translation>
    </message>
    <message>
        <source>Train as fast as the machine can (the slider&apos;s right end); the slider sets a pace a learner can watch.</source>
        <translation>以机器能达到的最快速度训练（滑块的最右端）；滑块可设置便于观看的速度。</translation>
    </message>
    <message>
        <source>Play s&amp;ub-steps</source>
        <translation>播放子步骤(&amp;U)</translation>
    </message>
    <message>
        <source>Walk the step-through by itself at the chosen rate (sub-steps a second).</source>
        <translation>按所选速率（每秒子步骤数）自动进行逐步演示。</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Bring back the network that Apply, Reset or a new shape replaced.</source>
        <translation>找回被“应用”、“重置”或新形状替换掉的网络。</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>Use the desktop&apos;s colours; applied at once.</source>
        <translation>使用桌面的颜色；立即生效。</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>Use light colours; applied at once.</source>
        <translation>使用浅色；立即生效。</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>Use dark colours; applied at once.</source>
        <translation>使用深色；立即生效。</translation>
    </message>
    <message>
        <source>S&amp;ystem language</source>
        <translation>跟随系统语言(&amp;Y)</translation>
    </message>
    <message>
        <source>Speak the desktop&apos;s language (English when the app has no translation for it); after a restart.</source>
        <translation>使用桌面的语言（本程序没有该语言的翻译时用英语）；重启后生效。</translation>
    </message>
    <message>
        <source>Speak English; after a restart.</source>
        <translation>使用英语；重启后生效。</translation>
    </message>
    <message>
        <source>Speak Simplified Chinese (简体中文); after a restart.</source>
        <translation>使用简体中文；重启后生效。</translation>
    </message>
    <message>
        <source>Epochs to run</source>
        <translation>要训练的轮数</translation>
    </message>
    <message>
        <source>How many epochs Run N epochs trains.</source>
        <translation>“训练 N 轮”训练多少轮。</translation>
    </message>
    <message>
        <source>Training speed</source>
        <translation>训练速度</translation>
    </message>
    <message>
        <source>Training speed from 2 epochs a second (left) to flat out (right).</source>
        <translation>训练速度，从每秒 2 轮（左）到全速（右）。</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Sub-steps a second</source>
        <translation>每秒子步骤数</translation>
    </message>
    <message>
        <source> /s</source>
        <translation> /秒</translation>
    </message>
    <message>
        <source>How many sub-steps a second Play sub-steps shows.</source>
        <translation>“播放子步骤”每秒显示多少个子步骤。</translation>
    </message>
    <message>
        <source>Digits on the diagram</source>
        <translation>网络图上的位数</translation>
    </message>
    <message>
        <source> digits</source>
        <translation> 位</translation>
    </message>
    <message>
        <source>How many decimal digits the diagram&apos;s labels show.</source>
        <translation>网络图的标签显示多少位数字。</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>Training toolbar</source>
        <translation>训练工具栏</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Run N epochs</source>
        <translation>训练 N 轮</translation>
    </message>
    <message>
        <source> Speed </source>
        <translation> 速度 </translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Sample &amp;images</source>
        <translation>示例图像(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
</context>
<context>
    <name>WindowTitle</name>
    <message>
        <source>experiment 1 (the chapter&apos;s sample)</source>
        <translation>实验 1（本章的样本）</translation>
    </message>
    <message>
        <source>experiment 2 (the chapter&apos;s 10 images)</source>
        <translation>实验 2（本章的 10 张图像）</translation>
    </message>
    <message>
        <source>synthetic images</source>
        <translation>合成图像</translation>
    </message>
    <message>
        <source>3 classes</source>
        <translation>3 个类别</translation>
    </message>
    <message>
        <source>a CSV file</source>
        <translation>一个 CSV 文件</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
</context>
<context>
    <name>activations</name>
    <message>
        <source>1 if z&gt;0 else 0</source>
        <translation>z&gt;0 时为 1，否则为 0</translation>
    </message>
    <message>
        <source>z if z≥0 else 0.01·z</source>
        <translation>z≥0 时为 z，否则为 0.01·z</translation>
    </message>
    <message>
        <source>1 if z≥0 else 0.01</source>
        <translation>z≥0 时为 1，否则为 0.01</translation>
    </message>
</context>
<context>
    <name>conv2d</name>
    <message>
        <source>padding {0} makes a {1}×{2} image: too large to compute (at most {MAX_PADDED_VALUES:,} values)</source>
        <translation>填充 {0} 会得到 {1}×{2} 的图像：太大，无法计算（最多 {MAX_PADDED_VALUES:,} 个值）</translation>
    </message>
    <message>
        <source>{what} must fit in {0} (|value| ≤ {big:.3g})</source>
        <translation>{what} 必须能用 {0} 表示（|值| ≤ {big:.3g}）</translation>
    </message>
    <message>
        <source>method=&apos;fft&apos; would overflow for these pixel values and weights</source>
        <translation>对这些像素值和权重，method=&apos;fft&apos; 会溢出</translation>
    </message>
    <message>
        <source>kernel size {k} is larger than the padded image ({n_in} + 2·padding {p})</source>
        <translation>卷积核尺寸 {k} 大于填充后的图像（{n_in} + 2·填充 {p}）</translation>
    </message>
    <message>
        <source>padding ({py}, {px}) must be smaller than the image ({w}×{h}) for pad_mode=&apos;reflect&apos;</source>
        <translation>pad_mode=&apos;reflect&apos; 时，填充 ({py}, {px}) 必须小于图像（{w}×{h}）</translation>
    </message>
    <message>
        <source>{name}: a {kw}×{kh} kernel is larger than the padded image {0}×{1} (image {w}×{h}, padding ({py}, {px}))</source>
        <translation>{name}：{kw}×{kh} 的卷积核大于填充后的图像 {0}×{1}（图像 {w}×{h}，填充 ({py}, {px})）</translation>
    </message>
    <message>
        <source>size {kx}×{ky} is larger than the input {w}×{h}</source>
        <translation>尺寸 {kx}×{ky} 大于输入 {w}×{h}</translation>
    </message>
</context>
<context>
    <name>csv</name>
    <message>
        <source>a ZIP archive (an Excel workbook or a workspace?), not a CSV text file</source>
        <translation>这是一个 ZIP 压缩包（Excel 工作簿或工作区文件？），不是 CSV 文本文件</translation>
    </message>
    <message>
        <source>a PNG image, not a CSV text file</source>
        <translation>这是一张 PNG 图像，不是 CSV 文本文件</translation>
    </message>
    <message>
        <source>a PDF document, not a CSV text file</source>
        <translation>这是一个 PDF 文档，不是 CSV 文本文件</translation>
    </message>
    <message>
        <source>an old Excel/Office file, not a CSV text file</source>
        <translation>这是旧版 Excel/Office 文件，不是 CSV 文本文件</translation>
    </message>
    <message>
        <source>{name}: cannot read the file ({0})</source>
        <translation>{name}：无法读取该文件（{0}）</translation>
    </message>
    <message>
        <source>{name}: is a folder, not a CSV file</source>
        <translation>{name}：是文件夹，不是 CSV 文件</translation>
    </message>
    <message>
        <source>{name}: is not a regular file (a pipe, device or socket), so it is not read</source>
        <translation>{name}：不是普通文件（而是管道、设备或套接字），因此不读取</translation>
    </message>
    <message>
        <source>{name}: the file is {0:,} bytes; a data set may be at most {MAX_CSV_BYTES:,}</source>
        <translation>{name}：文件有 {0:,} 字节；数据集最多 {MAX_CSV_BYTES:,} 字节</translation>
    </message>
    <message>
        <source>{name}: {reason}</source>
        <translation>{name}：{reason}</translation>
    </message>
    <message>
        <source>UTF-16 text; save the file as UTF-8 (plain CSV) and open it again</source>
        <translation>这是 UTF-16 文本；请把文件另存为 UTF-8（普通 CSV）后再打开</translation>
    </message>
    <message>
        <source>binary data (it holds NUL bytes), not a CSV text file</source>
        <translation>二进制数据（含有 NUL 字节），不是 CSV 文本文件</translation>
    </message>
    <message>
        <source>{name}, row {n}: the line is longer than {MAX_LINE_CHARS:,} characters</source>
        <translation>{name}，第 {n} 行：该行超过 {MAX_LINE_CHARS:,} 个字符</translation>
    </message>
    <message>
        <source>{name}, row {n}: not UTF-8 text (save the file as UTF-8)</source>
        <translation>{name}，第 {n} 行：不是 UTF-8 文本（请把文件存为 UTF-8）</translation>
    </message>
    <message>
        <source>tabs</source>
        <translation>制表符</translation>
    </message>
    <message>
        <source>semicolons</source>
        <translation>分号</translation>
    </message>
    <message>
        <source>the values are separated by {what}; this reader needs commas between values (and points, not commas, in numbers)</source>
        <translation>数值之间用的是{what}；本读取器要求数值之间用逗号分隔（数中的小数点用句点，不用逗号）</translation>
    </message>
    <message>
        <source>the values are separated by spaces; this reader needs commas between values</source>
        <translation>数值之间用的是空格；本读取器要求数值之间用逗号分隔</translation>
    </message>
    <message>
        <source>the value is empty</source>
        <translation>该值为空</translation>
    </message>
    <message>
        <source>{shown!r} is a hexadecimal number; write values as decimal numbers</source>
        <translation>{shown!r} 是十六进制数；请把数值写成十进制</translation>
    </message>
    <message>
        <source>{0!r} is not a number (values separated by tabs or semicolons? this reader needs commas)</source>
        <translation>{0!r} 不是数（数值用制表符或分号分隔了？本读取器需要逗号）</translation>
    </message>
    <message>
        <source>{0!r} is not a number (a stray quotation mark)</source>
        <translation>{0!r} 不是数（多了一个引号）</translation>
    </message>
    <message>
        <source>the value holds control characters (binary data?), not a number</source>
        <translation>该值含有控制字符（二进制数据？），不是数</translation>
    </message>
    <message>
        <source>{0!r} is not a number</source>
        <translation>{0!r} 不是数</translation>
    </message>
    <message>
        <source>a quotation mark opened here is never closed</source>
        <translation>这里的引号没有闭合</translation>
    </message>
    <message>
        <source>a quotation mark inside a value (quote the whole value and double any quote inside it)</source>
        <translation>值中含有引号（请给整个值加引号，并把其中的引号写两遍）</translation>
    </message>
    <message>
        <source>binary data (a NUL byte), not CSV text</source>
        <translation>二进制数据（一个 NUL 字节），不是 CSV 文本</translation>
    </message>
    <message>
        <source>a value is longer than the reader accepts</source>
        <translation>某个值超过了读取器允许的长度</translation>
    </message>
    <message>
        <source>malformed CSV ({msg})</source>
        <translation>CSV 格式错误（{msg}）</translation>
    </message>
    <message>
        <source>is beyond ±{MAX_ABS_VALUE:g}; rescale the data (values this large overflow the loss whatever the learning rate)</source>
        <translation>超出 ±{MAX_ABS_VALUE:g}；请缩放数据（这么大的值无论学习率多少都会让损失溢出）</translation>
    </message>
    <message>
        <source>{name}, row {line}, column {0}: {1} {why}</source>
        <translation>{name}，第 {line} 行，第 {0} 列：{1} {why}</translation>
    </message>
    <message>
        <source>{name}, row {start}: {0}</source>
        <translation>{name}，第 {start} 行：{0}</translation>
    </message>
    <message>
        <source>{name}, row {line}: {0:,} columns; a data set has at most {MAX_CSV_COLUMNS:,}</source>
        <translation>{name}，第 {line} 行：{0:,} 列；数据集最多 {MAX_CSV_COLUMNS:,} 列</translation>
    </message>
    <message>
        <source>{name}, row {line}: {reason}</source>
        <translation>{name}，第 {line} 行：{reason}</translation>
    </message>
    <message>
        <source>{name}, row {line}: need at least one value and a label</source>
        <translation>{name}，第 {line} 行：至少需要一个值和一个标签</translation>
    </message>
    <message>
        <source>{name}, row {line}: {0} columns, expected {width} like the first data row</source>
        <translation>{name}，第 {line} 行：{0} 列，应与第一行数据一样为 {width} 列</translation>
    </message>
    <message>
        <source>{name}, row {line}, column {0}: {1}</source>
        <translation>{name}，第 {line} 行，第 {0} 列：{1}</translation>
    </message>
    <message>
        <source>{name}: more than {MAX_CSV_ROWS:,} data rows (stopped reading at row {line:,})</source>
        <translation>{name}：数据超过 {MAX_CSV_ROWS:,} 行（在第 {line:,} 行停止读取）</translation>
    </message>
    <message>
        <source>{name}: more than {MAX_CSV_VALUES:,} values (stopped reading at row {line:,})</source>
        <translation>{name}：超过 {MAX_CSV_VALUES:,} 个值（在第 {line:,} 行停止读取）</translation>
    </message>
    <message>
        <source>{name}: only a header row, no data</source>
        <translation>{name}：只有表头行，没有数据</translation>
    </message>
    <message>
        <source>{name}: the file is empty</source>
        <translation>{name}：文件为空</translation>
    </message>
</context>
<context>
    <name>datasets</name>
    <message>
        <source>n_samples must be an integer ≥ 1, got {n_samples!r}</source>
        <translation>n_samples 必须是 ≥ 1 的整数，收到的是 {n_samples!r}</translation>
    </message>
    <message>
        <source>n_inputs must be an integer ≥ 2, got {n_inputs!r}</source>
        <translation>n_inputs 必须是 ≥ 2 的整数，收到的是 {n_inputs!r}</translation>
    </message>
    <message>
        <source>noise must be a number ≥ 0, got {noise!r}</source>
        <translation>noise 必须是 ≥ 0 的数，收到的是 {noise!r}</translation>
    </message>
</context>
<context>
    <name>gradcheck</name>
    <message>
        <source>batch</source>
        <translation>批量路径</translation>
    </message>
    <message>
        <source>per-sample</source>
        <translation>逐样本路径</translation>
    </message>
    <message>
        <source>fused</source>
        <translation>融合循环路径</translation>
    </message>
    <message>
        <source>Network.gradients (BatchPass: the pass that trains)</source>
        <translation>Network.gradients（BatchPass：训练时用的计算路径）</translation>
    </message>
    <message>
        <source>Network.backward (the step-through&apos;s pass)</source>
        <translation>Network.backward（逐步演示用的计算路径）</translation>
    </message>
    <message>
        <source>one Trainer.run step (the training loop&apos;s update ÷ −η)</source>
        <translation>一次 Trainer.run 更新（训练循环的更新量 ÷ −η）</translation>
    </message>
    <message>
        <source>checked {checked}: every gradient agrees with the finite difference (ε = {0:g}).</source>
        <translation>已检查 {checked}：每个梯度都与有限差分一致（ε = {0:g}）。</translation>
    </message>
    <message>
        <source>{path} gets {n} wrong ({names})</source>
        <translation>{path} 有 {n} 个不对（{names}）</translation>
    </message>
    <message>
        <source>checked {checked}: {parts} — a kink (ReLU at z = 0) or a bug in that path.</source>
        <translation>已检查 {checked}：{parts} —— 可能是函数的折点（ReLU 在 z = 0 处），也可能是该计算路径有错误。</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>eps must be a small positive number, got {eps!r}</source>
        <translation>eps 必须是一个小的正数，收到的是 {eps!r}</translation>
    </message>
    <message>
        <source>paths must be some of {0}; got {paths!r}</source>
        <translation>paths 必须取自 {0}；收到的是 {paths!r}</translation>
    </message>
</context>
<context>
    <name>image_cnn</name>
    <message>
        <source>val_fraction must be between 0 and 1 (exclusive); got {val_fraction!r}</source>
        <translation>val_fraction 必须在 0 和 1 之间（不含端点）；收到的是 {val_fraction!r}</translation>
    </message>
    <message>
        <source>a split of {n} image(s) with val_fraction {val_fraction} leaves one part empty</source>
        <translation>把 {n} 张图像按 val_fraction {val_fraction} 划分后，有一部分为空</translation>
    </message>
    <message>
        <source>a data set needs at least 2 classes (one sub-folder each); found {n}: {name!r}</source>
        <translation>数据集至少需要 2 个类别（每个类别一个子文件夹）；只找到 {n} 个：{name!r}</translation>
    </message>
    <message>
        <source>a data set needs at least 2 classes (one sub-folder each); found {n}</source>
        <translation>数据集至少需要 2 个类别（每个类别一个子文件夹）；只找到 {n} 个</translation>
    </message>
    <message>
        <source>class names must be distinct; got {0}</source>
        <translation>类别名称不能重复；收到的是 {0}</translation>
    </message>
    <message>
        <source>no readable images: every class is empty</source>
        <translation>没有可读取的图像：每个类别都是空的</translation>
    </message>
    <message>
        <source>all images must have the same size (resize them first); got {0}</source>
        <translation>所有图像必须尺寸相同（请先调整尺寸）；收到的是 {0}</translation>
    </message>
    <message>
        <source>images must be (H, W) greyscale or (H, W, 3) RGB; got {0}</source>
        <translation>图像必须是 (H, W) 灰度或 (H, W, 3) RGB；收到的是 {0}</translation>
    </message>
    <message>
        <source>images must hold numbers; got dtype {0}</source>
        <translation>图像必须由数值组成；收到的 dtype 是 {0}</translation>
    </message>
    <message>
        <source>images contain non-finite values (NaN or ±inf)</source>
        <translation>图像中含有非有限值（NaN 或 ±inf）</translation>
    </message>
    <message>
        <source>labels must be one whole number per image ({0}); got shape {1}</source>
        <translation>标签必须是每张图像一个整数（{0} 个）；收到的形状是 {1}</translation>
    </message>
    <message>
        <source>labels must be 0 … {0} (one per class); got {1} … {2}</source>
        <translation>标签必须是 0 … {0}（每个类别一个）；收到的是 {1} … {2}</translation>
    </message>
    <message>
        <source>class {classes} has no readable images; every class needs at least one</source>
        <translation>类别 {classes} 没有可读取的图像；每个类别至少需要一张</translation>
    </message>
    <message>
        <source> and {n} more</source>
        <translation> 等另外 {n} 个</translation>
    </message>
    <message>
        <source>skipped 1 unreadable file: {names}{more}</source>
        <translation>跳过了 1 个无法读取的文件：{names}{more}</translation>
    </message>
    <message>
        <source>skipped {n} unreadable files: {names}{more}</source>
        <translation>跳过了 {n} 个无法读取的文件：{names}{more}</translation>
    </message>
    <message>
        <source>greyscale</source>
        <translation>灰度</translation>
    </message>
    <message>
        <source>1 image in {k} classes ({per}), {h}×{w} {kind}</source>
        <translation>1 张图像，{k} 个类别（{per}），{h}×{w} {kind}</translation>
    </message>
    <message>
        <source>{n} images in {k} classes ({per}), {h}×{w} {kind}</source>
        <translation>{n} 张图像，{k} 个类别（{per}），{h}×{w} {kind}</translation>
    </message>
    <message>
        <source>{line}; {warning}</source>
        <translation>{line}；{warning}</translation>
    </message>
    <message>
        <source>{what} has shape {0}; this network takes {want}</source>
        <translation>{what} 的形状是 {0}；这个网络接受 {want}</translation>
    </message>
    <message>
        <source>{what} contains non-finite values (NaN or ±inf)</source>
        <translation>{what} 中含有非有限值（NaN 或 ±inf）</translation>
    </message>
    <message>
        <source>{what} must hold one label per image ({n}); got shape {0}</source>
        <translation>{what} 必须每张图像一个标签（{n} 个）；收到的形状是 {0}</translation>
    </message>
    <message>
        <source>{what} must hold whole-number class labels; got dtype {0}</source>
        <translation>{what} 必须是整数类别标签；收到的 dtype 是 {0}</translation>
    </message>
    <message>
        <source>{what} has labels from {0} to {1}; this network&apos;s classes are 0 … {2}</source>
        <translation>{what} 的标签从 {0} 到 {1}；这个网络的类别是 0 … {2}</translation>
    </message>
    <message>
        <source>&apos;conv:N:K&apos;, &apos;conv:N:K:S&apos; or &apos;conv:N:K:S:P&apos; (whole numbers)</source>
        <translation>&apos;conv:N:K&apos;、&apos;conv:N:K:S&apos; 或 &apos;conv:N:K:S:P&apos;（整数）</translation>
    </message>
    <message>
        <source>&apos;maxpool:K&apos; or &apos;maxpool:K:S&apos; (whole numbers)</source>
        <translation>&apos;maxpool:K&apos; 或 &apos;maxpool:K:S&apos;（整数）</translation>
    </message>
    <message>
        <source>&apos;avgpool:K&apos; or &apos;avgpool:K:S&apos; (whole numbers)</source>
        <translation>&apos;avgpool:K&apos; 或 &apos;avgpool:K:S&apos;（整数）</translation>
    </message>
    <message>
        <source>&apos;dense:N&apos; (a whole number)</source>
        <translation>&apos;dense:N&apos;（一个整数）</translation>
    </message>
    <message>
        <source>&apos;dropout:p&apos; with 0 ≤ p &lt; 1</source>
        <translation>&apos;dropout:p&apos;，其中 0 ≤ p &lt; 1</translation>
    </message>
    <message>
        <source>input_shape must be (H, W) or (H, W, C) with whole numbers ≥ 1; got {input_shape!r}</source>
        <translation>input_shape 必须是 (H, W) 或 (H, W, C)，且都是 ≥ 1 的整数；收到的是 {input_shape!r}</translation>
    </message>
    <message>
        <source>layers must be a list of strings such as [&apos;conv:8:3&apos;, &apos;relu&apos;, &apos;dense:10&apos;]; got {layers!r}</source>
        <translation>layers 必须是字符串列表，例如 [&apos;conv:8:3&apos;, &apos;relu&apos;, &apos;dense:10&apos;]；收到的是 {layers!r}</translation>
    </message>
    <message>
        <source>layer {i} {item!r}: each layer must be a string such as &apos;conv:8:3&apos;</source>
        <translation>第 {i} 层 {item!r}：每一层都必须是字符串，例如 &apos;conv:8:3&apos;</translation>
    </message>
    <message>
        <source>{where}: malformed; {kind} is written {0}</source>
        <translation>{where}：格式错误；{kind} 的写法是 {0}</translation>
    </message>
    <message>
        <source>layers is empty: the last layer must be &apos;dense:n_classes&apos;</source>
        <translation>层列表为空：最后一层必须是 &apos;dense:n_classes&apos;</translation>
    </message>
    <message>
        <source>layer {i} {text!r}</source>
        <translation>第 {i} 层 {text!r}</translation>
    </message>
    <message>
        <source>{where}: malformed; the activation {kind!r} takes no numbers</source>
        <translation>{where}：格式错误；激活函数 {kind!r} 不带数字</translation>
    </message>
    <message>
        <source>{where}: conv needs an image input (H, W, C) but follows a dense layer</source>
        <translation>{where}：卷积层需要图像输入 (H, W, C)，但它跟在全连接层后面</translation>
    </message>
    <message>
        <source>{where}: kernel {k}×{k} is larger than its padded input {0}×{1} (H + 2P, W + 2P with H×W = {h}×{w}, P = {p})</source>
        <translation>{where}：卷积核 {k}×{k} 大于填充后的输入 {0}×{1}（H + 2P、W + 2P，其中 H×W = {h}×{w}，P = {p}）</translation>
    </message>
    <message>
        <source>{where}: {kind} needs an image input (H, W, C) but follows a dense layer</source>
        <translation>{where}：{kind} 需要图像输入 (H, W, C)，但它跟在全连接层后面</translation>
    </message>
    <message>
        <source>{where}: pool window {k}×{k} is larger than its input {h}×{w} (windows must lie fully inside)</source>
        <translation>{where}：池化窗口 {k}×{k} 大于输入 {h}×{w}（窗口必须完全落在输入之内）</translation>
    </message>
    <message>
        <source>{where}: malformed; dropout is written {0}</source>
        <translation>{where}：格式错误；dropout 的写法是 {0}</translation>
    </message>
    <message>
        <source>{where}: unknown layer {kind!r}; known layers: {known}</source>
        <translation>{where}：未知的层 {kind!r}；已知的层：{known}</translation>
    </message>
    <message>
        <source>layer {0} {1!r}: the last layer must be &apos;dense:n_classes&apos; (softmax and cross-entropy follow it implicitly)</source>
        <translation>第 {0} 层 {1!r}：最后一层必须是 &apos;dense:n_classes&apos;（其后隐含 softmax 和交叉熵）</translation>
    </message>
    <message>
        <source>layer {0} {1!r}: the last dense layer needs ≥ 2 outputs, one per class</source>
        <translation>第 {0} 层 {1!r}：最后的全连接层需要 ≥ 2 个输出，每个类别一个</translation>
    </message>
    <message>
        <source>the network has {n_params:,} parameters; at most {MAX_PARAMS:,} are allowed</source>
        <translation>该网络有 {n_params:,} 个参数；最多允许 {MAX_PARAMS:,} 个</translation>
    </message>
    <message>
        <source>{where}: {label} must be ≥ {low}; got {value}</source>
        <translation>{where}：{label} 必须 ≥ {low}；收到的是 {value}</translation>
    </message>
    <message>
        <source>{name} must be {rule}; got {v!r}</source>
        <translation>{name} 必须是{rule}；收到的是 {v!r}</translation>
    </message>
    <message>
        <source>optimizer must be one of {0}; got {optimizer!r}</source>
        <translation>optimizer 必须是 {0} 之一；收到的是 {optimizer!r}</translation>
    </message>
    <message>
        <source>a finite number &gt; 0</source>
        <translation>大于 0 的有限数</translation>
    </message>
    <message>
        <source>a whole number ≥ 1</source>
        <translation>≥ 1 的整数</translation>
    </message>
    <message>
        <source>a whole number ≥ 0</source>
        <translation>≥ 0 的整数</translation>
    </message>
    <message>
        <source>betas must be a pair (β1, β2); got {betas!r}</source>
        <translation>betas 必须是一对数 (β1, β2)；收到的是 {betas!r}</translation>
    </message>
    <message>
        <source>two numbers in [0, 1)</source>
        <translation>[0, 1) 中的两个数</translation>
    </message>
    <message>
        <source>X holds no images: there is nothing to train on</source>
        <translation>X 中没有图像：没有可用于训练的数据</translation>
    </message>
    <message>
        <source>give both X_val and y_val, or neither</source>
        <translation>请同时给出 X_val 和 y_val，或者都不给</translation>
    </message>
    <message>
        <source>not an image-CNN trainer state of version {STATE_VERSION} (format {0!r}, version {1!r})</source>
        <translation>不是版本 {STATE_VERSION} 的图像 CNN 训练器状态（格式 {0!r}，版本 {1!r}）</translation>
    </message>
    <message>
        <source>the state is for the network {0} {1} ({2}), not this one {3} {4} ({5})</source>
        <translation>该状态属于网络 {0} {1}（{2}），而不是当前网络 {3} {4}（{5}）</translation>
    </message>
    <message>
        <source>the state was trained on {0} images (validation {1}); this trainer has {2} ({n_val})</source>
        <translation>该状态用 {0} 张图像训练（验证集 {1} 张）；当前训练器有 {2} 张（{n_val} 张）</translation>
    </message>
    <message>
        <source>optimizer_state: t must be a whole number ≥ 0; got {t!r}</source>
        <translation>optimizer_state：t 必须是 ≥ 0 的整数；收到的是 {t!r}</translation>
    </message>
    <message>
        <source>epoch must be a whole number ≥ 0; got {epoch!r}</source>
        <translation>epoch 必须是 ≥ 0 的整数；收到的是 {epoch!r}</translation>
    </message>
    <message>
        <source>position.batch must be a whole number in [0, {n_batches}); got {batch!r}</source>
        <translation>position.batch 必须是 [0, {n_batches}) 中的整数；收到的是 {batch!r}</translation>
    </message>
    <message>
        <source>position: seen, correct and loss_sum must be the running sums of the {batch} batches already stepped ({seen} images)</source>
        <translation>position：seen、correct 和 loss_sum 必须是已经走过的 {batch} 个批次的累计值（{seen} 张图像）</translation>
    </message>
    <message>
        <source>history must be a dict of arrays</source>
        <translation>history 必须是由数组组成的字典</translation>
    </message>
    <message>
        <source>state must be a dict with an &apos;architecture&apos; entry</source>
        <translation>state 必须是含有 &apos;architecture&apos; 项的字典</translation>
    </message>
    <message>
        <source>{what} must be a dict</source>
        <translation>{what} 必须是字典</translation>
    </message>
    <message>
        <source>missing {0}</source>
        <translation>缺少 {0}</translation>
    </message>
    <message>
        <source>unexpected {0}</source>
        <translation>多出了 {0}</translation>
    </message>
    <message>
        <source>{what} must be a numeric array of shape {shape}; got {0} {1}</source>
        <translation>{what} 必须是形状为 {shape} 的数值数组；收到的是 {0} {1}</translation>
    </message>
    <message>
        <source>{what}: not a PCG64 generator state ({exc})</source>
        <translation>{what}：不是 PCG64 随机数生成器的状态（{exc}）</translation>
    </message>
</context>
<context>
    <name>kernels</name>
    <message>
        <source>A single 1 in the centre: each output pixel is just the input pixel (no change).</source>
        <translation>中心为 1，其余为 0：每个输出像素就是输入像素（不变）。</translation>
    </message>
    <message>
        <source>Every weight equal and summing to 1: each pixel becomes the average of its window (a blur that keeps the mean).</source>
        <translation>所有权重相等且和为 1：每个像素变为其窗口的平均值（保持均值的模糊）。</translation>
    </message>
    <message>
        <source>Weights that fall off from the centre and sum to 1: a smooth blur that favours nearby pixels.</source>
        <translation>权重从中心向外递减且和为 1：偏重近处像素的平滑模糊。</translation>
    </message>
    <message>
        <source>The centre minus its four neighbours, summing to 1: exaggerates differences so edges look crisper.</source>
        <translation>中心减去上下左右四个邻居，和为 1：放大差异，使边缘更清晰。</translation>
    </message>
    <message>
        <source>Right column minus left column (centre row counted twice): bright where the image gets brighter to the right, i.e. on vertical edges.</source>
        <translation>右列减左列（中间一行计两次）：图像向右变亮的地方（即竖直边缘处）为亮。</translation>
    </message>
    <message>
        <source>Bottom row minus top row (centre column counted twice): bright where the image gets brighter downwards, i.e. on horizontal edges.</source>
        <translation>下行减上行（中间一列计两次）：图像向下变亮的地方（即水平边缘处）为亮。</translation>
    </message>
    <message>
        <source>Right column minus left column with equal weights: finds vertical edges, like Sobel but without favouring the centre row.</source>
        <translation>以相等权重用右列减左列：找出竖直边缘，与 Sobel 类似，但不偏重中间一行。</translation>
    </message>
    <message>
        <source>Bottom row minus top row with equal weights: finds horizontal edges, like Sobel but without favouring the centre column.</source>
        <translation>以相等权重用下行减上行：找出水平边缘，与 Sobel 类似，但不偏重中间一列。</translation>
    </message>
    <message>
        <source>Four neighbours minus four times the centre, summing to 0: zero on flat or evenly sloping areas, strong where brightness changes abruptly.</source>
        <translation>四个邻居减去四倍的中心，和为 0：在平坦或均匀渐变的区域为零，在亮度突变处很强。</translation>
    </message>
    <message>
        <source>Bottom-right minus top-left around a kept centre: edges look raised like a relief lit from one corner.</source>
        <translation>保留中心，右下减左上：边缘看起来像从一角打光的浮雕一样凸起。</translation>
    </message>
    <message>
        <source>Eight times the centre minus its eight neighbours, summing to 0: flat areas go black and every edge lights up.</source>
        <translation>八倍的中心减去八个邻居，和为 0：平坦区域变黑，每条边缘都亮起来。</translation>
    </message>
    <message>
        <source>Random weights, like a CNN kernel before training: what it detects is left to learning.</source>
        <translation>随机权重，就像训练前的 CNN 卷积核：它检测什么留给学习来决定。</translation>
    </message>
    <message>
        <source>{what}: the weights must be finite numbers (found NaN or infinity)</source>
        <translation>{what}：权重必须是有限数（发现了 NaN 或无穷大）</translation>
    </message>
    <message>
        <source>{what}: the weights&apos; sizes add up to {shown}; filtering an image (values 0–1) would overflow float32 (largest {_FLOAT32_MAX:.3g}) — keep Σ|w| at most {MAX_WEIGHT_SUM:.3g}</source>
        <translation>{what}：权重绝对值之和为 {shown}；对图像（取值 0–1）滤波会超出 float32 的范围（最大 {_FLOAT32_MAX:.3g}）——请让 Σ|w| 不超过 {MAX_WEIGHT_SUM:.3g}</translation>
    </message>
    <message>
        <source>unknown kernel {name!r}; valid names: {0}</source>
        <translation>未知的卷积核 {name!r}；可用的名称：{0}</translation>
    </message>
    <message>
        <source>size must be an odd integer, got {size!r}</source>
        <translation>尺寸必须是奇数，收到的是 {size!r}</translation>
    </message>
    <message>
        <source>size must be 3 for {name!r} (a fixed 3×3 filter), got {size}</source>
        <translation>{name!r} 的尺寸必须是 3（固定的 3×3 滤波器），收到的是 {size}</translation>
    </message>
    <message>
        <source>size must be an odd integer ≥ 1, got {size}</source>
        <translation>尺寸必须是 ≥ 1 的奇数，收到的是 {size}</translation>
    </message>
    <message>
        <source>size must be at most {MAX_KERNEL_SIZE}, got {size}</source>
        <translation>尺寸最大为 {MAX_KERNEL_SIZE}，收到的是 {size}</translation>
    </message>
    <message>
        <source>row {row}, entry {col}</source>
        <translation>第 {row} 行第 {col} 项</translation>
    </message>
    <message>
        <source>{where}: {token!r} is not a number</source>
        <translation>{where}：{token!r} 不是数</translation>
    </message>
    <message>
        <source>{where}: {token!r} divides by zero</source>
        <translation>{where}：{token!r} 除以零</translation>
    </message>
    <message>
        <source>{where}: {token!r} is not a finite number</source>
        <translation>{where}：{token!r} 不是有限数</translation>
    </message>
    <message>
        <source>1 number</source>
        <translation>1 个数</translation>
    </message>
    <message>
        <source>{n} numbers</source>
        <translation>{n} 个数</translation>
    </message>
    <message>
        <source>kernel text must be a string, got {0}</source>
        <translation>卷积核文本必须是字符串，收到的是 {0}</translation>
    </message>
    <message>
        <source>kernel text is {0:,} characters; a kernel is at most {MAX_KERNEL_SIZE}×{MAX_KERNEL_SIZE} numbers ({MAX_KERNEL_TEXT:,} characters)</source>
        <translation>卷积核文本有 {0:,} 个字符；卷积核最多 {MAX_KERNEL_SIZE}×{MAX_KERNEL_SIZE} 个数（{MAX_KERNEL_TEXT:,} 个字符）</translation>
    </message>
    <message>
        <source>{n} rows</source>
        <translation>{n} 行</translation>
    </message>
    <message>
        <source>{0} numbers in row {n}</source>
        <translation>第 {n} 行有 {0} 个数</translation>
    </message>
    <message>
        <source>the kernel has {what}; at most {MAX_KERNEL_SIZE} rows of {MAX_KERNEL_SIZE} numbers</source>
        <translation>卷积核有{what}；最多 {MAX_KERNEL_SIZE} 行、每行 {MAX_KERNEL_SIZE} 个数</translation>
    </message>
    <message>
        <source>ragged rows: row {n} has {0} but row 1 has {1}; every row needs the same number of entries</source>
        <translation>各行长度不一：第 {n} 行有 {0}，而第 1 行有 {1}；每一行的项数必须相同</translation>
    </message>
    <message>
        <source>kernel text is empty: type one row of numbers per line</source>
        <translation>卷积核文本为空：请每行输入一行数</translation>
    </message>
    <message>
        <source>kernel</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <source>weights must be finite numbers</source>
        <translation>权重必须是有限数</translation>
    </message>
    <message>
        <source>the learned kernel</source>
        <translation>学到的卷积核</translation>
    </message>
    <message>
        <source>{label} along rows (1×{k}): responds to changes from left to right</source>
        <translation>{label}沿行方向（1×{k}）：对从左到右的变化有响应</translation>
    </message>
    <message>
        <source>{label} down columns ({k}×1): responds to changes from top to bottom</source>
        <translation>{label}沿列方向（{k}×1）：对从上到下的变化有响应</translation>
    </message>
</context>
<context>
    <name>network</name>
    <message>
        <source>label must be an integer 0…{0}, got {y!r}</source>
        <translation>标签必须是 0…{0} 的整数，收到的是 {y!r}</translation>
    </message>
    <message>
        <source>{name} must be an integer ≥ {low}, got {value!r}</source>
        <translation>{name} 必须是 ≥ {low} 的整数，收到的是 {value!r}</translation>
    </message>
    <message>
        <source>kernel_size {kernel_size} is larger than the padded input ({n_inputs} inputs + 2·{padding} padding)</source>
        <translation>卷积核尺寸 {kernel_size} 大于填充后的输入（{n_inputs} 个输入 + 2·{padding} 个填充）</translation>
    </message>
    <message>
        <source>init must be one of {0}; got {init!r}</source>
        <translation>init 必须是 {0} 之一；收到的是 {init!r}</translation>
    </message>
    <message>
        <source>output must be one of {0}; got {output!r}</source>
        <translation>output 必须是 {0} 之一；收到的是 {output!r}</translation>
    </message>
    <message>
        <source>n_outputs must be ≥ 2 for a softmax output</source>
        <translation>softmax 输出要求 n_outputs ≥ 2</translation>
    </message>
    <message>
        <source>a linear output has exactly one node (n_outputs=1)</source>
        <translation>线性输出恰好有一个节点（n_outputs=1）</translation>
    </message>
    <message>
        <source>no parameter named {name!r}</source>
        <translation>没有名为 {name!r} 的参数</translation>
    </message>
    <message>
        <source>{name} must be a number, got {value!r}</source>
        <translation>{name} 必须是数，收到的是 {value!r}</translation>
    </message>
    <message>
        <source>{name} must be finite, got {v}</source>
        <translation>{name} 必须是有限数，收到的是 {v}</translation>
    </message>
    <message>
        <source>X must have {0} columns, got shape {1}</source>
        <translation>X 必须有 {0} 列，收到的形状是 {1}</translation>
    </message>
    <message>
        <source>X has no samples</source>
        <translation>X 中没有样本</translation>
    </message>
    <message>
        <source>y has {0} values for {1} samples</source>
        <translation>y 有 {0} 个值，而样本有 {1} 个</translation>
    </message>
    <message>
        <source>X and y must be finite numbers</source>
        <translation>X 和 y 必须是有限数</translation>
    </message>
    <message>
        <source>labels must be integers 0…{0}</source>
        <translation>标签必须是 0…{0} 的整数</translation>
    </message>
    <message>
        <source>x must have {0} values, got shape {1}</source>
        <translation>x 必须有 {0} 个值，收到的形状是 {1}</translation>
    </message>
</context>
<context>
    <name>optimizers</name>
    <message>
        <source>activation must be one of {0}; got {name!r}</source>
        <translation>activation 必须是 {0} 之一；收到的是 {name!r}</translation>
    </message>
    <message>
        <source>{what} must be a number in {left}{lo:g}, {hi:g}{right}, got {kind}</source>
        <translation>{what} 必须是 {left}{lo:g}, {hi:g}{right} 中的数，收到的是 {kind}</translation>
    </message>
    <message>
        <source>{what} must be a number in {left}{lo:g}, {hi:g}{right}, got {v:g}</source>
        <translation>{what} 必须是 {left}{lo:g}, {hi:g}{right} 中的数，收到的是 {v:g}</translation>
    </message>
    <message>
        <source>betas must be a pair of numbers in [0, 1), got {0}</source>
        <translation>betas 必须是 [0, 1) 中的一对数，收到的是 {0}</translation>
    </message>
    <message>
        <source>optimizer state must hold its step count t</source>
        <translation>优化器状态必须包含步数 t</translation>
    </message>
    <message>
        <source>optimizer step count t must be an integer from 0 to {MAX_STEPS:,}, got {shown}</source>
        <translation>优化器步数 t 必须是 0 到 {MAX_STEPS:,} 的整数，收到的是 {shown}</translation>
    </message>
    <message>
        <source>optimizer state lacks its moments {key}</source>
        <translation>优化器状态缺少矩 {key}</translation>
    </message>
    <message>
        <source>optimizer moments {key} must be numbers</source>
        <translation>优化器的矩 {key} 必须是数</translation>
    </message>
    <message>
        <source>optimizer moments {key} must hold {size} values, got shape {0}</source>
        <translation>优化器的矩 {key} 必须有 {size} 个值，收到的形状是 {0}</translation>
    </message>
    <message>
        <source>finite numbers ≥ 0</source>
        <translation>≥ 0 的有限数</translation>
    </message>
    <message>
        <source>optimizer moments {key} must be {need}</source>
        <translation>优化器的矩 {key} 必须是{need}</translation>
    </message>
    <message>
        <source>optimizer must be one of {0}; got {name!r}</source>
        <translation>optimizer 必须是 {0} 之一；收到的是 {name!r}</translation>
    </message>
</context>
<context>
    <name>stepthrough</name>
    <message>
        <source>Feature-map node {node}</source>
        <translation>特征图节点 {node}</translation>
    </message>
    <message>
        <source>Output node {node}</source>
        <translation>输出节点 {node}</translation>
    </message>
    <message>
        <source>Feature-map delta {0}</source>
        <translation>特征图的误差项 {0}</translation>
    </message>
    <message>
        <source>Gradient of the shared kernel weight {wname} (used {0}×)</source>
        <translation>共享卷积核权重 {wname} 的梯度（使用了 {0} 次）</translation>
    </message>
    <message>
        <source>Gradient of the kernel bias {bias}</source>
        <translation>卷积核偏置 {bias} 的梯度</translation>
    </message>
    <message>
        <source>Gradients of {onode}&apos;s weights λ and bias {bias}</source>
        <translation>{onode} 的权重 λ 和偏置 {bias} 的梯度</translation>
    </message>
    <message>
        <source>{line}   (P: the loss of sample {0})</source>
        <translation>{line}   (P：样本 {0} 的损失)</translation>
    </message>
    <message>
        <source>mean loss over the data set = {0}   (epoch {1:,})</source>
        <translation>整个数据集上的平均损失 = {0}   (第 {1:,} 轮)</translation>
    </message>
    <message>
        <source>Loss P (cross-entropy)</source>
        <translation>损失 P（交叉熵）</translation>
    </message>
    <message>
        <source>Output deltas δ = p − onehot(y)</source>
        <translation>输出误差项 δ = p − onehot(y)</translation>
    </message>
    <message>
        <source>Loss P</source>
        <translation>损失 P</translation>
    </message>
    <message>
        <source>Output delta {0}</source>
        <translation>输出误差项 {0}</translation>
    </message>
    <message>
        <source>    where f′ = {0}</source>
        <translation>    其中 f′ = {0}</translation>
    </message>
    <message>
        <source>no update: {0}</source>
        <translation>不更新：{0}</translation>
    </message>
    <message>
        <source>No update: training diverged</source>
        <translation>不更新：训练发散了</translation>
    </message>
    <message>
        <source>gradient accumulated: sample {0} of {size}; the update comes after the last sample of the batch</source>
        <translation>梯度已累加：第 {0} 个样本，共 {size} 个；在该批的最后一个样本之后才更新</translation>
    </message>
    <message>
        <source>gradient accumulated: sample {0} of the batch; the update comes after the last sample of the batch</source>
        <translation>梯度已累加：该批的第 {0} 个样本；在该批的最后一个样本之后才更新</translation>
    </message>
    <message>
        <source>(the parameters stay as they are until then: every sample of the batch uses the same ones)</source>
        <translation>（在此之前参数保持不变：该批的每个样本都使用同一组参数）</translation>
    </message>
    <message>
        <source>No update yet</source>
        <translation>尚未更新</translation>
    </message>
    <message>
        <source>Batch gradient descent: ∂P/∂θ is the mean over the batch&apos;s {n} samples, η = </source>
        <translation>批量梯度下降：∂P/∂θ 是该批 {n} 个样本的平均值，η = </translation>
    </message>
    <message>
        <source>Mini-batch gradient descent: ∂P/∂θ is the mean over the batch&apos;s {n} samples, η = </source>
        <translation>小批量梯度下降：∂P/∂θ 是该批 {n} 个样本的平均值，η = </translation>
    </message>
    <message>
        <source>{s} ← {s} − η·mean ∂P/∂{s} = </source>
        <translation>{s} ← {s} − η·平均 ∂P/∂{s} = </translation>
    </message>
    <message>
        <source>   (mean ∂P/∂{s} = </source>
        <translation>   (平均 ∂P/∂{s} = </translation>
    </message>
    <message>
        <source>{optimizer} step: Δθ comes from the gradient history, not only η·∂P/∂θ</source>
        <translation>{optimizer} 更新：Δθ 来自梯度的历史，而不只是 η·∂P/∂θ</translation>
    </message>
    <message>
        <source>the optimiser step: Δθ comes from the gradient history, not only η·∂P/∂θ</source>
        <translation>优化器更新：Δθ 来自梯度的历史，而不只是 η·∂P/∂θ</translation>
    </message>
    <message>
        <source>Update the parameters</source>
        <translation>更新参数</translation>
    </message>
    <message>
        <source>kept nodes count 1/(1 − p) = {0}</source>
        <translation>保留的节点乘以 1/(1 − p) = {0}</translation>
    </message>
    <message>
        <source>no node was kept</source>
        <translation>没有保留任何节点</translation>
    </message>
    <message>
        <source>dropped: {0} (m = 0)</source>
        <translation>丢弃：{0}（m = 0）</translation>
    </message>
    <message>
        <source>none dropped</source>
        <translation>没有丢弃</translation>
    </message>
    <message>
        <source>(dropout: {gone}; {keep})</source>
        <translation>（Dropout：{gone}；{keep}）</translation>
    </message>
</context>
<context>
    <name>stops</name>
    <message>
        <source>Stopped at epoch {epoch}: reached the stop epoch {limit}.</source>
        <translation>在第 {epoch} 轮停止：到达了停止轮次 {limit}。</translation>
    </message>
    <message>
        <source>Stopped at epoch {epoch}: the loss {loss:.3g} fell below ε = {eps:g}.</source>
        <translation>在第 {epoch} 轮停止：损失 {loss:.3g} 降到了 ε = {eps:g} 以下。</translation>
    </message>
    <message>
        <source>Stopped at epoch {epoch}: {name} crossed {v:g} ({before:.4g} → {now:.4g}).</source>
        <translation>在第 {epoch} 轮停止：{name} 越过了 {v:g}（{before:.4g} → {now:.4g}）。</translation>
    </message>
    <message>
        <source>the stop epoch must be ≥ 0, got {0}</source>
        <translation>停止轮次必须 ≥ 0，收到的是 {0}</translation>
    </message>
    <message>
        <source>ε must be a positive number, got {0}</source>
        <translation>ε 必须是正数，收到的是 {0}</translation>
    </message>
    <message>
        <source>the weight&apos;s threshold must be a finite number</source>
        <translation>权重的阈值必须是有限数</translation>
    </message>
    <message>
        <source>the loss became infinite</source>
        <translation>损失变成了无穷大</translation>
    </message>
    <message>
        <source>the loss became not a number</source>
        <translation>损失不再是数（NaN）</translation>
    </message>
    <message>
        <source>a weight became infinite</source>
        <translation>某个权重变成了无穷大</translation>
    </message>
    <message>
        <source>a weight became not a number</source>
        <translation>某个权重不再是数（NaN）</translation>
    </message>
    <message>
        <source>before training</source>
        <translation>训练之前</translation>
    </message>
    <message>
        <source>after epoch {0}</source>
        <translation>第 {0} 轮之后</translation>
    </message>
    <message>
        <source>try {0} or lower</source>
        <translation>请试试 {0} 或更小</translation>
    </message>
    <message>
        <source>try a much smaller one</source>
        <translation>请试试小得多的值</translation>
    </message>
    <message>
        <source>Training diverged at epoch {epoch} ({0}): the network is shown as it was {shown}. A learning rate of {1} is too large for this network; {tip}.</source>
        <translation>训练在第 {epoch} 轮发散了（{0}）：显示的是{shown}的网络。对这个网络来说，学习率 {1} 太大了；{tip}。</translation>
    </message>
</context>
<context>
    <name>trainer</name>
    <message>
        <source>training has diverged</source>
        <translation>训练已发散</translation>
    </message>
    <message>
        <source>lr must be a number, got {lr!r}</source>
        <translation>学习率必须是数，收到的是 {lr!r}</translation>
    </message>
    <message>
        <source>lr must be a positive number no larger than {MAX_LR:g}, got {lr}</source>
        <translation>学习率必须是不超过 {MAX_LR:g} 的正数，收到的是 {lr}</translation>
    </message>
    <message>
        <source>mode must be one of {0}; got {mode!r}</source>
        <translation>mode 必须是 {0} 之一；收到的是 {mode!r}</translation>
    </message>
    <message>
        <source>optimizer must be one of {0}; got {optimizer!r}</source>
        <translation>optimizer 必须是 {0} 之一；收到的是 {optimizer!r}</translation>
    </message>
    <message>
        <source>lr_decay must be in (0, 1], got {lr_decay}</source>
        <translation>lr_decay 必须在 (0, 1] 之中，收到的是 {lr_decay}</translation>
    </message>
    <message>
        <source>dropout must be a probability in [0, 1), got {dropout!r}</source>
        <translation>dropout 必须是 [0, 1) 中的概率，收到的是 {dropout!r}</translation>
    </message>
    <message>
        <source>batch_size must be between 1 and {N} for minibatch mode</source>
        <translation>小批量模式下，batch_size 必须在 1 和 {N} 之间</translation>
    </message>
    <message>
        <source>betas must be two numbers (β1, β2), got {betas!r}</source>
        <translation>betas 必须是两个数 (β1, β2)，收到的是 {betas!r}</translation>
    </message>
    <message>
        <source>training {N:,} samples on this network would need about {need:.1f} GB; the app keeps a trainer under {cap:.0f} GB — use fewer samples or inputs, or batch mode</source>
        <translation>在这个网络上训练 {N:,} 个样本大约需要 {need:.1f} GB 内存；本应用把训练器限制在 {cap:.0f} GB 以内 —— 请减少样本或输入，或使用批量模式</translation>
    </message>
    <message>
        <source>Stopped at epoch {0}: the loss fell below {eps:g}.</source>
        <translation>在第 {0} 轮停止：损失降到了 {eps:g} 以下。</translation>
    </message>
</context>
<context>
    <name>workspace</name>
    <message>
        <source>letters, digits and _ (an array name)</source>
        <translation>字母、数字和 _（数组名）</translation>
    </message>
    <message>
        <source>the file is damaged or truncated ({0})</source>
        <translation>文件已损坏或被截断（{0}）</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>is a folder, not a workspace file</source>
        <translation>是文件夹，不是工作区文件</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>权限不足</translation>
    </message>
    <message>
        <source>cannot be opened ({0})</source>
        <translation>无法打开（{0}）</translation>
    </message>
    <message>
        <source>is not a regular file (a device, pipe or socket), so it is not read</source>
        <translation>不是普通文件（而是设备、管道或套接字），因此不读取</translation>
    </message>
    <message>
        <source>is {0:,} bytes, more than a workspace can be ({max_bytes:,})</source>
        <translation>有 {0:,} 字节，超过工作区的上限（{max_bytes:,}）</translation>
    </message>
    <message>
        <source>not a CNN Visualiser workspace (not a ZIP archive)</source>
        <translation>不是 CNN Visualiser 工作区（不是 ZIP 压缩包）</translation>
    </message>
    <message>
        <source>the archive uses the ZIP64 extension, which a workspace never needs</source>
        <translation>该压缩包使用了 ZIP64 扩展，而工作区从不需要它</translation>
    </message>
    <message>
        <source>the archive is split over several disks</source>
        <translation>该压缩包被分卷存放在多个磁盘上</translation>
    </message>
    <message>
        <source>the archive lists {n_total:,} members; a workspace has at most {MAX_MEMBERS}</source>
        <translation>该压缩包列出了 {n_total:,} 个成员；工作区最多有 {MAX_MEMBERS} 个</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>not a CNN Visualiser workspace (not a readable archive: {0})</source>
        <translation>不是 CNN Visualiser 工作区（不是可读取的压缩包：{0}）</translation>
    </message>
    <message>
        <source>the archive has {0:,} members; a workspace has at most {MAX_MEMBERS}</source>
        <translation>该压缩包有 {0:,} 个成员；工作区最多有 {MAX_MEMBERS} 个</translation>
    </message>
    <message>
        <source>the archive holds “{shown}”, which is not part of a workspace</source>
        <translation>该压缩包中有“{shown}”，它不属于工作区</translation>
    </message>
    <message>
        <source>the archive holds “{shown}” twice</source>
        <translation>该压缩包中“{shown}”出现了两次</translation>
    </message>
    <message>
        <source>the member “{shown}” is encrypted; workspaces are never encrypted</source>
        <translation>成员“{shown}”是加密的；工作区从不加密</translation>
    </message>
    <message>
        <source>the member “{shown}” uses compressed patch data, which is not read</source>
        <translation>成员“{shown}”使用了压缩补丁数据，不予读取</translation>
    </message>
    <message>
        <source>the member “{shown}” is compressed with {method} (method {0}); only stored and Deflate members are read</source>
        <translation>成员“{shown}”用 {method}（方法 {0}）压缩；只读取未压缩和 Deflate 压缩的成员</translation>
    </message>
    <message>
        <source>the member “{shown}” is {0:,} bytes, more than a workspace holds ({limit:,})</source>
        <translation>成员“{shown}”有 {0:,} 字节，超过工作区的容量（{limit:,}）</translation>
    </message>
    <message>
        <source>the member “{shown}” claims sizes its bytes cannot hold (damaged or forged archive)</source>
        <translation>成员“{shown}”声明的尺寸与其字节不符（压缩包已损坏或被伪造）</translation>
    </message>
    <message>
        <source>not a CNN Visualiser workspace (no workspace.json inside)</source>
        <translation>不是 CNN Visualiser 工作区（里面没有 workspace.json）</translation>
    </message>
    <message>
        <source>the array “{name}” is declared as {0} ({nbytes:,} bytes), more than a workspace holds ({MAX_ARRAY_BYTES:,})</source>
        <translation>数组“{name}”声明为 {0}（{nbytes:,} 字节），超过工作区的容量（{MAX_ARRAY_BYTES:,}）</translation>
    </message>
    <message>
        <source>the workspace has no array “{name}”</source>
        <translation>工作区中没有数组“{name}”</translation>
    </message>
    <message>
        <source>the array “{name}” is declared as {0} ({nbytes:,} bytes) but its member holds {1:,} bytes</source>
        <translation>数组“{name}”声明为 {0}（{nbytes:,} 字节），但它的成员有 {1:,} 字节</translation>
    </message>
    <message>
        <source>the arrays add up to {total:,} bytes, more than a workspace holds ({MAX_TOTAL_ARRAY_BYTES:,})</source>
        <translation>数组合计 {total:,} 字节，超过工作区的容量（{MAX_TOTAL_ARRAY_BYTES:,}）</translation>
    </message>
    <message>
        <source>the archive holds “{member}”, which the description does not declare</source>
        <translation>压缩包中有“{member}”，但描述中没有声明它</translation>
    </message>
    <message>
        <source>the array “{name}” is not a valid .npy array ({0})</source>
        <translation>数组“{name}”不是有效的 .npy 数组（{0}）</translation>
    </message>
    <message>
        <source> in Fortran order</source>
        <translation>（Fortran 顺序）</translation>
    </message>
    <message>
        <source>the array “{name}” holds {0} {hdtype}{order}, expected {1} {dtype}</source>
        <translation>数组“{name}”是 {0} {hdtype}{order}，应为 {1} {dtype}</translation>
    </message>
    <message>
        <source>the array “{name}” is truncated</source>
        <translation>数组“{name}”被截断了</translation>
    </message>
    <message>
        <source>the array “{name}” has bytes beyond its declared shape</source>
        <translation>数组“{name}”的字节超出了声明的形状</translation>
    </message>
    <message>
        <source> that is a power of two</source>
        <translation>，且为 2 的幂</translation>
    </message>
    <message>
        <source>this session cannot be saved as a workspace: {exc}</source>
        <translation>本次会话无法保存为工作区：{exc}</translation>
    </message>
    <message>
        <source>{name}: {reason}</source>
        <translation>{name}：{reason}</translation>
    </message>
    <message>
        <source>{name}: there is not enough memory to open this workspace</source>
        <translation>{name}：内存不足，无法打开这个工作区</translation>
    </message>
    <message>
        <source>{name}: could not be read (unexpected {0}: {1})</source>
        <translation>{name}：无法读取（意外的 {0}：{1}）</translation>
    </message>
    <message>
        <source>not a CNN Visualiser workspace (foreign format)</source>
        <translation>不是 CNN Visualiser 工作区（其他格式）</translation>
    </message>
    <message>
        <source>made by a newer CNN Visualiser (format version {0}); this one reads version {VERSION}</source>
        <translation>由较新的 CNN Visualiser 创建（格式版本 {0}）；本程序读取版本 {VERSION}</translation>
    </message>
    <message>
        <source>the workspace&apos;s format version is {0}; this app reads version {VERSION} only</source>
        <translation>工作区的格式版本是 {0}；本程序只读取版本 {VERSION}</translation>
    </message>
    <message>
        <source>the workspace is missing “{key}”</source>
        <translation>工作区缺少“{key}”</translation>
    </message>
    <message>
        <source>the data set is declared as {0} values; expected 1–{MAX_CSV_ROWS:,} rows of {1} inputs</source>
        <translation>数据集声明为 {0} 个值；应为 1–{MAX_CSV_ROWS:,} 行、每行 {1} 个输入</translation>
    </message>
    <message>
        <source>training this network on {N:,} samples would need about {0:.1f} GB of memory; this app allows {1:.0f} GB</source>
        <translation>用 {N:,} 个样本训练这个网络约需 {0:.1f} GB 内存；本程序允许 {1:.0f} GB</translation>
    </message>
    <message>
        <source>“trainer.batch_size” must be from 1 to {N:,} (the samples) in minibatch mode</source>
        <translation>小批量模式下，“trainer.batch_size”必须在 1 到 {N:,}（样本数）之间</translation>
    </message>
    <message>
        <source>the history&apos;s length is missing or invalid</source>
        <translation>训练历史的长度缺失或无效</translation>
    </message>
    <message>
        <source>the history has {R:,} rows, more than this app keeps ({0:,})</source>
        <translation>训练历史有 {R:,} 行，超过本程序保存的上限（{0:,}）</translation>
    </message>
    <message>
        <source>the step-through position {0:,} is past the {N:,} samples</source>
        <translation>逐步演示的位置 {0:,} 超出了 {N:,} 个样本</translation>
    </message>
    <message>
        <source>the step-through state lacks the epoch&apos;s sample order</source>
        <translation>逐步演示的状态缺少本轮的样本顺序</translation>
    </message>
    <message>
        <source>the workspace holds an array “{key}” this run has no use for</source>
        <translation>工作区中有本次训练用不到的数组“{key}”</translation>
    </message>
    <message>
        <source>the workspace is missing the array “{key}”</source>
        <translation>工作区缺少数组“{key}”</translation>
    </message>
    <message>
        <source>the array “{key}” is declared as {0} {gdt}, expected {1} {dtype}</source>
        <translation>数组“{key}”声明为 {0} {gdt}，应为 {1} {dtype}</translation>
    </message>
    <message>
        <source> or beyond ±{bound:g}</source>
        <translation>或超出 ±{bound:g}</translation>
    </message>
    <message>
        <source>the array “{name}” holds values that are not finite numbers{extra}</source>
        <translation>数组“{name}”中有不是有限数{extra}的值</translation>
    </message>
    <message>
        <source>the Adam optimiser&apos;s second moments “opt_v” hold negative values</source>
        <translation>Adam 优化器的二阶矩“opt_v”中有负值</translation>
    </message>
    <message>
        <source>the history&apos;s epochs are not increasing epoch numbers up to the current epoch</source>
        <translation>训练历史中的轮次不是递增到当前轮次的轮次编号</translation>
    </message>
    <message>
        <source>the epoch&apos;s sample order is not a permutation of the samples</source>
        <translation>本轮的样本顺序不是样本的一个排列</translation>
    </message>
    <message>
        <source>the dropout mask holds values other than 0 and 1/(1 − p)</source>
        <translation>Dropout 掩码中有 0 和 1/(1 − p) 以外的值</translation>
    </message>
    <message>
        <source>the network or its training settings are invalid ({0})</source>
        <translation>网络或其训练设置无效（{0}）</translation>
    </message>
    <message>
        <source>the training state cannot be restored ({0})</source>
        <translation>无法恢复训练状态（{0}）</translation>
    </message>
    <message>
        <source>the learning rate at this epoch is not a finite number</source>
        <translation>这一轮的学习率不是有限数</translation>
    </message>
    <message>
        <source>this is not an image-CNN trainer ({0})</source>
        <translation>这不是图像 CNN 的训练器（{0}）</translation>
    </message>
    <message>
        <source>this run cannot be saved as a workspace: {exc}</source>
        <translation>本次训练无法保存为工作区：{exc}</translation>
    </message>
    <message>
        <source>the workspace holds no image CNN (no “image_cnn” section)</source>
        <translation>工作区中没有图像 CNN（没有“image_cnn”部分）</translation>
    </message>
    <message>
        <source>the network cannot be built ({0})</source>
        <translation>无法构建网络（{0}）</translation>
    </message>
    <message>
        <source>the workspace names {0} classes but the network has {n_classes} outputs</source>
        <translation>工作区中有 {0} 个类别，但网络有 {n_classes} 个输出</translation>
    </message>
    <message>
        <source>training images</source>
        <translation>训练图像</translation>
    </message>
    <message>
        <source>validation images</source>
        <translation>验证图像</translation>
    </message>
    <message>
        <source>“image_cnn.state.batch” is {0:,}; an epoch has {n_batches:,} batches</source>
        <translation>“image_cnn.state.batch”是 {0:,}；一轮只有 {n_batches:,} 个批次</translation>
    </message>
    <message>
        <source>the drawing “cnn_canvas” is declared as {0}; expected {1} or {2}</source>
        <translation>画布“cnn_canvas”声明为 {0}；应为 {1} 或 {2}</translation>
    </message>
    <message>
        <source>training this network on {n:,} images of {0} would need about {1:.1f} GB of memory; this app allows {2:.0f} GB</source>
        <translation>在 {n:,} 张 {0} 图像上训练这个网络约需 {1:.1f} GB 内存；本程序最多允许 {2:.0f} GB</translation>
    </message>
    <message>
        <source>the array “{key}” holds values that are not finite numbers</source>
        <translation>数组“{key}”中有不是有限数的值</translation>
    </message>
    <message>
        <source>the {what} are declared as {0}; expected 1–{MAX_IMAGES:,} images of {1}</source>
        <translation>{what}声明为 {0}；应为 1–{MAX_IMAGES:,} 张 {1} 的图像</translation>
    </message>
    <message>
        <source>the workspace is missing “arrays”</source>
        <translation>工作区缺少“arrays”</translation>
    </message>
    <message>
        <source>the drawing “cnn_canvas” holds values other than 0 and 1</source>
        <translation>画布“cnn_canvas”含有 0 和 1 以外的值</translation>
    </message>
    <message>
        <source>an integer of {digits}+ digits</source>
        <translation>一个 {digits} 位以上的整数</translation>
    </message>
    <message>
        <source>the workspace description</source>
        <translation>工作区描述</translation>
    </message>
    <message>
        <source>{what} is not UTF-8 text</source>
        <translation>{what}不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>{what} is nested {depth:,} levels deep (at most {MAX_DEPTH})</source>
        <translation>{what}嵌套了 {depth:,} 层（最多 {MAX_DEPTH} 层）</translation>
    </message>
    <message>
        <source>{what} holds an integer of {0:,} digits</source>
        <translation>{what}中有一个 {0:,} 位的整数</translation>
    </message>
    <message>
        <source>{what} holds a number too large for a float ({0})</source>
        <translation>{what}中有一个浮点数表示不了的大数（{0}）</translation>
    </message>
    <message>
        <source>{what} holds {s}, which is not a number</source>
        <translation>{what}中有 {s}，它不是数</translation>
    </message>
    <message>
        <source>{what} names the key {0} twice</source>
        <translation>{what}中键 {0} 出现了两次</translation>
    </message>
    <message>
        <source>{what} is not valid JSON (line {0}, column {1}: {2})</source>
        <translation>{what}不是有效的 JSON（第 {0} 行，第 {1} 列：{2}）</translation>
    </message>
    <message>
        <source>{what} is not valid JSON ({0})</source>
        <translation>{what}不是有效的 JSON（{0}）</translation>
    </message>
    <message>
        <source>“{where}” must be {0}, not {1}</source>
        <translation>“{where}”必须是{0}，而不是 {1}</translation>
    </message>
    <message>
        <source>an integer from {lo:,} to {hi:,}{note}</source>
        <translation>从 {lo:,} 到 {hi:,} 的整数{note}</translation>
    </message>
    <message>
        <source>a number in {left}{lo:g}, {hi:g}{right}</source>
        <translation>{left}{lo:g}, {hi:g}{right} 中的数</translation>
    </message>
    <message>
        <source>one of {0}</source>
        <translation>{0} 之一</translation>
    </message>
    <message>
        <source>a text of at most {max_len:,} characters</source>
        <translation>最多 {max_len:,} 个字符的文本</translation>
    </message>
    <message>
        <source>a list of {count} items</source>
        <translation>含 {count} 项的列表</translation>
    </message>
    <message>
        <source>the workspace is missing “{0}”</source>
        <translation>工作区缺少“{0}”</translation>
    </message>
    <message>
        <source>an object of at most {max_len} entries</source>
        <translation>最多 {max_len} 项的对象</translation>
    </message>
    <message>
        <source>“{where}” holds the key {0}; keys must be {1}</source>
        <translation>“{where}”中有键 {0}；键必须是{1}</translation>
    </message>
    <message>
        <source>“{where}” holds a text that is too long or not valid Unicode</source>
        <translation>“{where}”中的文本太长或不是有效的 Unicode</translation>
    </message>
    <message>
        <source>the network&apos;s kernel ({k}) is larger than its padded input ({n} inputs + 2·{p} padding)</source>
        <translation>网络的卷积核（{k}）大于填充后的输入（{n} 个输入 + 2·{p} 个填充）</translation>
    </message>
    <message>
        <source>a softmax output needs at least 2 output nodes</source>
        <translation>softmax 输出至少需要 2 个输出节点</translation>
    </message>
    <message>
        <source>a linear output has exactly one node</source>
        <translation>线性输出恰好有一个节点</translation>
    </message>
    <message>
        <source>the network has {P:,} parameters, more than this app trains ({MAX_PARAMS:,})</source>
        <translation>该网络有 {P:,} 个参数，超过本程序能训练的上限（{MAX_PARAMS:,}）</translation>
    </message>
</context>
</TS>
