<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
</TS>
