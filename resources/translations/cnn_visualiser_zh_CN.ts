<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
    <name>GradientSum</name>
    <message>
        <source> + … ({0} more)</source>
        <translation> + …（另有 {0} 项）</translation>
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
        <source>Step through the picked image</source>
        <translation>逐步演示选中的图像</translation>
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
        <source>δ of layer {0} (negative … 0 … positive)</source>
        <translation>第 {0} 层的 δ（负 … 0 … 正）</translation>
    </message>
    <message>
        <source>output of layer {0}</source>
        <translation>第 {0} 层的输出</translation>
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
    <message>
        <source>Click a cell of the δ map to light up its term.</source>
        <translation>点击 δ 图中的一个单元，点亮它对应的那一项。</translation>
    </message>
</context>
</TS>
