<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountDialog</name>
    <message>
        <source>Staff account</source>
        <translation>工作人员账号</translation>
    </message>
    <message>
        <source>Leave empty to keep the password</source>
        <translation>留空则不改密码</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Enter the account and the person&apos;s name.</source>
        <translation>请填写账号和姓名。</translation>
    </message>
    <message>
        <source>Give the account at least one role.</source>
        <translation>请至少给账号一个角色。</translation>
    </message>
    <message>
        <source>A new account needs a password.</source>
        <translation>新账号需要设置密码。</translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Add...</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Edit...</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>Account %1 saved.</source>
        <translation>账号 %1 已保存。</translation>
    </message>
    <message>
        <source>Choose an account first.</source>
        <translation>请先选择一个账号。</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Deactivate the account %1? The person can no longer log in; their decisions stay theirs.</source>
        <translation>停用账号 %1？此人将不能再登录；其作出的决定仍记在其名下。</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>创建日期</translation>
    </message>
    <message>
        <source>Add an account...</source>
        <translation>新增账户…</translation>
    </message>
    <message>
        <source>Reset the password...</source>
        <translation>重设密码…</translation>
    </message>
    <message>
        <source>Make station head / clerk</source>
        <translation>设为站长/办事员</translation>
    </message>
    <message>
        <source>Deactivate...</source>
        <translation>停用…</translation>
    </message>
    <message>
        <source>New recovery key...</source>
        <translation>新的恢复密钥…</translation>
    </message>
    <message>
        <source>Change my password...</source>
        <translation>修改我的密码…</translation>
    </message>
    <message>
        <source>Only a station head adds accounts, resets passwords and deactivates accounts. A deactivated clerk can no longer sign in; their name stays on what they recorded.</source>
        <translation>只有站长可以新增账户、重设密码和停用账户。停用后该办事员不能再登录，其姓名仍保留在其登记的记录上。</translation>
    </message>
    <message>
        <source>Station head</source>
        <translation>站长</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>办事员</translation>
    </message>
    <message>
        <source>Signed in: %1</source>
        <translation>当前登录：%1</translation>
    </message>
    <message>
        <source>Add an account</source>
        <translation>新增账户</translation>
    </message>
    <message>
        <source>New password for %1</source>
        <translation>为 %1 设置新密码</translation>
    </message>
    <message>
        <source>Role not changed</source>
        <translation>角色未更改</translation>
    </message>
    <message>
        <source>Not deactivated</source>
        <translation>未停用</translation>
    </message>
    <message>
        <source>You cannot deactivate the account you are signed in with.</source>
        <translation>不能停用当前登录的账户。</translation>
    </message>
    <message>
        <source>Deactivate the account</source>
        <translation>停用账户</translation>
    </message>
    <message>
        <source>%1 will no longer be able to sign in. Their name stays on what they recorded. Deactivate?</source>
        <translation>%1 将不能再登录，其姓名仍保留在其登记的记录上。确定停用？</translation>
    </message>
    <message>
        <source>New recovery key</source>
        <translation>新的恢复密钥</translation>
    </message>
    <message>
        <source>The printed recovery key stops working and a new one is shown once, to be printed. Make a new recovery key?</source>
        <translation>已打印的恢复密钥将失效，新的恢复密钥只显示一次，请打印保管。确定生成新的恢复密钥？</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>Not at this stage: the application is &quot;%1&quot;.</source>
        <translation>当前阶段不能进行：申请状态为“%1”。</translation>
    </message>
</context>
<context>
    <name>AddStationDialog</name>
    <message>
        <source>Add a station</source>
        <translation>添加工作站</translation>
    </message>
    <message>
        <source>Station code</source>
        <translation>工作站编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Enter the code, the name and the township.</source>
        <translation>请填写编码、名称和所属乡镇。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Already running</source>
        <translation>程序已在运行</translation>
    </message>
    <message>
        <source>The program is already running for this data folder but does not answer. Wait a minute, or restart the computer if it stays so.</source>
        <translation>本程序已在使用此数据文件夹运行，但没有响应。请稍等一分钟；如果一直这样，请重新启动电脑。</translation>
    </message>
    <message>
        <source>The station key file is damaged. Restore the data folder from a backup; do not make a new key, or earlier signatures cannot be checked.</source>
        <translation>工作站密钥文件已损坏。请从备份恢复数据文件夹；不要新建密钥，否则此前的签名将无法验证。</translation>
    </message>
    <message>
        <source>Cannot open the station&apos;s data</source>
        <translation>无法打开工作站数据</translation>
    </message>
    <message>
        <source>The program stopped unexpectedly last time</source>
        <translation>程序上次意外退出</translation>
    </message>
    <message>
        <source>The last run ended with a crash. Anything typed was kept as a draft where possible. The crash report is in:
%1</source>
        <translation>程序上次运行时崩溃。已尽可能将填写的内容保存为草稿。崩溃报告位于：
%1</translation>
    </message>
</context>
<context>
    <name>ApplicationForm</name>
    <message>
        <source>Given when saved</source>
        <translation>保存后自动生成</translation>
    </message>
    <message>
        <source>Not set by the county</source>
        <translation>县中心未设定</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>申请登记</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>代理人</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件情况</translation>
    </message>
    <message>
        <source>Eligibility and finances</source>
        <translation>援助条件及经济状况</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>申请材料</translation>
    </message>
    <message>
        <source>%1 yuan per person a month; the county has not set a hardship standard for this township yet.</source>
        <translation>家庭人均月收入%1元；县中心尚未设定本乡镇的经济困难标准。</translation>
    </message>
    <message>
        <source>%1 yuan per person a month: over the county&apos;s hardship standard (%2 yuan). Write why aid is asked all the same.</source>
        <translation>家庭人均月收入%1元，高于经济困难标准（%2元）：请填写仍申请法律援助的理由。</translation>
    </message>
    <message>
        <source>%1 yuan per person a month: under the county&apos;s hardship standard (%2 yuan).</source>
        <translation>家庭人均月收入%1元，低于经济困难标准（%2元）。</translation>
    </message>
    <message>
        <source>New legal-aid application</source>
        <translation>新建法律援助申请</translation>
    </message>
    <message>
        <source>Application %1</source>
        <translation>法律援助申请 %1</translation>
    </message>
</context>
<context>
    <name>ApplicationView</name>
    <message>
        <source>Back to the queue</source>
        <translation>返回待办队列</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>申请内容</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>申请材料</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>决定与办理</translation>
    </message>
    <message>
        <source>Issued documents</source>
        <translation>已出具文书</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版本记录</translation>
    </message>
    <message>
        <source>Earlier matters</source>
        <translation>以往事项</translation>
    </message>
    <message>
        <source>Loading...</source>
        <translation>正在读取……</translation>
    </message>
    <message>
        <source>Issued: %1. Press Enter to open it for printing.</source>
        <translation>已出具：%1。按 Enter 打开并打印。</translation>
    </message>
    <message>
        <source>file not yet received</source>
        <translation>文件尚未收到</translation>
    </message>
    <message>
        <source>No materials.</source>
        <translation>没有申请材料。</translation>
    </message>
    <message>
        <source>%1 No. %2</source>
        <translation>%1（第%2号）</translation>
    </message>
    <message>
        <source>Consultation</source>
        <translation>咨询</translation>
    </message>
    <message>
        <source>No earlier matters of this person at the county.</source>
        <translation>县中心没有此人的以往事项。</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Art. 26: possible life imprisonment or death sentence, so a lawyer with at least %1 years of practice.</source>
        <translation>第二十六条：可能被判处无期徒刑、死刑，应指派具有%1年以上相关执业经历的律师。</translation>
    </message>
    <message>
        <source>A minors&apos; case: a lawyer familiar with minors&apos; cases.</source>
        <translation>未成年人案件：应指派熟悉未成年人身心特点的律师。</translation>
    </message>
    <message>
        <source>No special rule applies to this case.</source>
        <translation>本案没有特别的指派要求。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Firm or unit</source>
        <translation>执业机构或单位</translation>
    </message>
    <message>
        <source>Years of practice</source>
        <translation>执业年限</translation>
    </message>
    <message>
        <source>Familiar with minors&apos; cases</source>
        <translation>熟悉未成年人案件</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>在办案件</translation>
    </message>
    <message>
        <source>Can be assigned</source>
        <translation>可否指派</translation>
    </message>
    <message>
        <source>Court or organ handling the case</source>
        <translation>办案机关</translation>
    </message>
    <message>
        <source>Reason for the change</source>
        <translation>更换理由</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Art. 26: needs at least %1 years of practice</source>
        <translation>第二十六条：须有%1年以上执业经历</translation>
    </message>
    <message>
        <source>Not familiar with minors&apos; cases</source>
        <translation>不熟悉未成年人案件</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Choose a member of the roster.</source>
        <translation>请从名册中选择承办人员。</translation>
    </message>
    <message>
        <source>%1 cannot be assigned to this case: %2</source>
        <translation>不能向本案指派%1：%2</translation>
    </message>
    <message>
        <source>Give the reason for the change.</source>
        <translation>请填写更换理由。</translation>
    </message>
    <message>
        <source>Law-firm lawyers&apos; share of this year&apos;s assignments: none assigned yet; the plan&apos;s target is at least %1%.</source>
        <translation>今年指派给律师事务所律师的比例：今年尚未指派；工作方案目标不低于 %1%。</translation>
    </message>
    <message>
        <source>Law-firm lawyers&apos; share of this year&apos;s assignments: %1% of %2; the plan&apos;s target is at least %3%.</source>
        <translation>今年指派给律师事务所律师的比例：%2 件中占 %1%；工作方案目标不低于 %3%。</translation>
    </message>
</context>
<context>
    <name>AttachmentPreview</name>
    <message>
        <source>Checking that the file is exactly as captured...</source>
        <translation>正在核对文件是否与采集时完全一致…</translation>
    </message>
    <message>
        <source>This picture cannot be shown.</source>
        <translation>无法显示此图片。</translation>
    </message>
</context>
<context>
    <name>Attachments</name>
    <message>
        <source>The file &quot;{name}&quot; is empty (0 bytes), so there is nothing to attach. Scan or save it again.</source>
        <translation>文件“{name}”是空文件（0 字节），没有可添加的内容。请重新扫描或保存。</translation>
    </message>
    <message>
        <source>The file &quot;{name}&quot; cannot be found. It may have been moved, renamed or deleted.</source>
        <translation>找不到文件“{name}”，可能已被移动、重命名或删除。</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; is a folder, not a file. Open the folder and choose the scan inside it.</source>
        <translation>“{name}”是文件夹，不是文件。请打开该文件夹，选择其中的扫描件。</translation>
    </message>
    <message>
        <source>The file &quot;{name}&quot; cannot be read. Close it in other programs, check that you may open it (and that the USB stick is still plugged in), then try again.</source>
        <translation>无法读取文件“{name}”。请在其他程序中关闭该文件，确认有权限打开它（并确认U盘仍插在电脑上），然后重试。</translation>
    </message>
    <message>
        <source>The file &quot;{name}&quot; changed or was removed while it was being copied (a scanner may still be writing it). Nothing was attached; wait until it is finished and try again.</source>
        <translation>复制过程中文件“{name}”发生了变化或被移走（扫描仪可能仍在写入）。未添加任何附件；请等扫描完成后重试。</translation>
    </message>
    <message>
        <source>The file &quot;{name}&quot; is larger than {limit_mb} MB, the most one attachment may be. Scan at a lower resolution or in black and white, or split the document into parts.</source>
        <translation>文件“{name}”超过单个附件的上限 {limit_mb} MB。请降低扫描分辨率或改用黑白扫描，或将文件分成几部分。</translation>
    </message>
    <message>
        <source>The file &quot;{name}&quot; is not a PDF, JPEG, PNG or TIFF file, so it cannot be attached. Save or scan it as PDF or JPEG and attach that.</source>
        <translation>文件“{name}”不是 PDF、JPEG、PNG 或 TIFF 文件，无法添加为附件。请另存或扫描为 PDF 或 JPEG 后再添加。</translation>
    </message>
    <message>
        <source>The photo &quot;{name}&quot; is in HEIC format, and photos in HEIC format cannot be attached yet. Set the phone camera to &quot;Most Compatible&quot; (JPEG), or convert the photo to JPEG first.</source>
        <translation>照片“{name}”为 HEIC 格式，目前还不能添加 HEIC 格式的照片。请将手机相机的格式设为“兼容性最佳”（JPEG），或先将照片转换为 JPEG。</translation>
    </message>
    <message>
        <source>The file &quot;{name}&quot; is named as a {claimed} file but its content is {actual}. It was not attached: it may have been renamed by mistake. Check the file, and save or rename it as {actual}.</source>
        <translation>文件“{name}”的扩展名是 {claimed} 文件，但实际内容是 {actual}，可能被误改了名称，因此未添加。请检查该文件，并另存为或重命名为 {actual} 文件。</translation>
    </message>
    <message>
        <source>The disk is full, so the file &quot;{name}&quot; was not attached. Free some space and try again.</source>
        <translation>磁盘已满，文件“{name}”未能添加。请清理出部分空间后重试。</translation>
    </message>
    <message>
        <source>The file &quot;{name}&quot; could not be stored in the station&apos;s attachment folder. Check the disk and the folder&apos;s permissions, then try again.</source>
        <translation>文件“{name}”无法存入工作站的附件文件夹。请检查磁盘和该文件夹的权限，然后重试。</translation>
    </message>
    <message>
        <source>The file is exactly as captured and its signature is valid.</source>
        <translation>文件与采集时完全一致，签名有效。</translation>
    </message>
    <message>
        <source>The file is unchanged since it was recorded, but it was captured without the station&apos;s signature, so its origin cannot be proven.</source>
        <translation>文件自登记以来未被改动，但采集时没有工作站签名，无法证明其来源。</translation>
    </message>
    <message>
        <source>The file &quot;{name}&quot; is missing from the station&apos;s attachment folder. Restore the folder from a backup.</source>
        <translation>工作站附件文件夹中缺少文件“{name}”。请从备份恢复该文件夹。</translation>
    </message>
    <message>
        <source>The file &quot;{name}&quot; cannot be read from the station&apos;s attachment folder ({error}). Check the disk and the folder&apos;s permissions.</source>
        <translation>无法从工作站附件文件夹读取文件“{name}”（{error}）。请检查磁盘和该文件夹的权限。</translation>
    </message>
    <message>
        <source>The file &quot;{name}&quot; has been changed since it was captured: its content no longer matches its fingerprint.</source>
        <translation>文件“{name}”在采集后被改动过：其内容与采集时的指纹（哈希值）不再相符。</translation>
    </message>
    <message>
        <source>The details of &quot;{name}&quot; were changed after it was captured ({field} no longer matches the signed record).</source>
        <translation>“{name}”的登记信息在采集后被改动过（{field} 与已签名的记录不符）。</translation>
    </message>
    <message>
        <source>The signature of &quot;{name}&quot; is not valid: its details were changed after capture, or it was signed with another key.</source>
        <translation>“{name}”的签名无效：其登记信息在采集后被改动过，或是用其他密钥签名的。</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; was signed with a key this station does not know ({key}), so the signature cannot be checked.</source>
        <translation>“{name}”是用本工作站不认识的密钥（{key}）签名的，无法验证签名。</translation>
    </message>
    <message>
        <source>The signature of &quot;{name}&quot; has been removed or damaged.</source>
        <translation>“{name}”的签名已被删除或损坏。</translation>
    </message>
</context>
<context>
    <name>AttachmentsPanel</name>
    <message>
        <source>Kind of material</source>
        <translation>材料类别</translation>
    </message>
    <message>
        <source>Add file...</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Paste picture</source>
        <translation>粘贴图片</translation>
    </message>
    <message>
        <source>Paste a picture copied from a scanner program or a phone (Ctrl+Shift+V)</source>
        <translation>粘贴从扫描程序或手机复制的图片（Ctrl+Shift+V）</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>Scanner inbox</source>
        <translation>新扫描件</translation>
    </message>
    <message>
        <source>Files the scanner saved to the scanner folder (set in Settings)</source>
        <translation>扫描仪保存到扫描文件夹中的文件（扫描文件夹在“设置”中指定）</translation>
    </message>
    <message>
        <source>Drop scans or photos here (PDF, JPEG, PNG, TIFF).</source>
        <translation>将扫描件或照片拖到此处（PDF、JPEG、PNG、TIFF）。</translation>
    </message>
    <message>
        <source>Save the record first, then add its materials.</source>
        <translation>请先保存记录，再添加材料。</translation>
    </message>
    <message>
        <source>Add materials</source>
        <translation>添加材料</translation>
    </message>
    <message>
        <source>Scans and photos (%1)</source>
        <translation>扫描件和照片 (%1)</translation>
    </message>
    <message>
        <source>Scanner inbox (%1)</source>
        <translation>新扫描件（%1）</translation>
    </message>
    <message>
        <source>Add all %1 files</source>
        <translation>全部添加（%1 个文件）</translation>
    </message>
    <message>
        <source>No new scans</source>
        <translation>没有新的扫描件</translation>
    </message>
    <message>
        <source>The clipboard holds no picture. Copy a scan or photo first.</source>
        <translation>剪贴板中没有图片。请先复制扫描件或照片。</translation>
    </message>
    <message>
        <source>pasted picture</source>
        <translation>粘贴的图片</translation>
    </message>
    <message>
        <source>The file could not be added (%1).</source>
        <translation>无法添加该文件（%1）。</translation>
    </message>
    <message>
        <source>Material not added</source>
        <translation>材料未添加</translation>
    </message>
    <message>
        <source>A material for the record opened before was not added.</source>
        <translation>之前打开的记录有材料未能添加。</translation>
    </message>
    <message>
        <source>Adding...</source>
        <translation>正在添加…</translation>
    </message>
    <message>
        <source>dropped picture</source>
        <translation>拖入的图片</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Void...</source>
        <translation>作废…</translation>
    </message>
    <message>
        <source>Void material</source>
        <translation>作废材料</translation>
    </message>
    <message>
        <source>Why is this material wrong? It stays in the record&apos;s history.</source>
        <translation>请填写作废原因（此材料错在哪里）。材料将保留在记录的历史中。</translation>
    </message>
    <message>
        <source>Write why the material is voided: the reason stays in the record&apos;s history.</source>
        <translation>请写明作废的原因：原因会保存在记录的历史中。</translation>
    </message>
    <message>
        <source>Not voided</source>
        <translation>未能作废</translation>
    </message>
</context>
<context>
    <name>Audit</name>
    <message>
        <source>viewed</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>created</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>voided</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>printed</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>exported</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>decided</source>
        <translation>决定</translation>
    </message>
    <message>
        <source>downloaded</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>recovered through the county</source>
        <translation>经县中心恢复</translation>
    </message>
    <message>
        <source>Entry {seq} was changed after it was written (its hash does not match).</source>
        <translation>第 {seq} 条记录在写入后被改动过（校验值不符）。</translation>
    </message>
    <message>
        <source>Entry {seq} does not follow the entry before it: entries were removed, inserted or reordered.</source>
        <translation>第 {seq} 条记录接不上前一条：有记录被删除、插入或调换了顺序。</translation>
    </message>
    <message>
        <source>Entries are missing before entry {seq}.</source>
        <translation>第 {seq} 条记录之前缺少记录。</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>Audit trail</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Checking the audit trail...</source>
        <translation>正在核验审计日志…</translation>
    </message>
    <message>
        <source>Only the entries of one record: paste its id</source>
        <translation>只看一条记录的日志：粘贴它的记录编号</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record type</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <source>Record id</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <source>Show earlier entries</source>
        <translation>显示更早的记录</translation>
    </message>
    <message>
        <source>application</source>
        <translation>申请</translation>
    </message>
    <message>
        <source>consultation</source>
        <translation>咨询</translation>
    </message>
    <message>
        <source>person</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>material</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>sync bundle</source>
        <translation>同步数据包</translation>
    </message>
    <message>
        <source>backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>The audit trail could not be checked: %1</source>
        <translation>无法核验审计日志：%1</translation>
    </message>
    <message>
        <source>The audit trail is intact: %1 entries, each one leading to the next.</source>
        <translation>审计日志完好：共 %1 条，每一条都与前一条衔接。</translation>
    </message>
    <message>
        <source>The audit trail was changed outside the program: %1 The county is told at the next sync.</source>
        <translation>审计日志在本程序之外被改动过：%1 下次同步时县中心会收到提示。</translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <source>There is no station database in {folder} to back up.</source>
        <translation>{folder} 中没有可备份的工作站数据库。</translation>
    </message>
    <message>
        <source>The station database could not be read for the backup ({error}). Check the disk and try again.</source>
        <translation>备份时无法读取工作站数据库（{error}）。请检查磁盘后重试。</translation>
    </message>
    <message>
        <source>The disk holding {folder} is full, so the backup was not made. Free some space or choose another backup folder.</source>
        <translation>{folder} 所在的磁盘已满，未能完成备份。请清理出部分空间，或选择其他备份文件夹。</translation>
    </message>
    <message>
        <source>The backup could not be written to {folder} ({error}). Check that the folder or USB drive is there and can be written.</source>
        <translation>无法将备份写入 {folder}（{error}）。请检查该文件夹或U盘是否存在且可以写入。</translation>
    </message>
    <message>
        <source>The new backup did not pass its check ({problem}), so it was deleted. The station&apos;s data were not changed. Try again; if it fails again, contact the county&apos;s IT helper.</source>
        <translation>新备份未通过校验（{problem}），已将其删除。工作站数据未作任何改动。请重试；如果仍然失败，请联系县里的信息技术人员。</translation>
    </message>
    <message>
        <source>{path} is not a backup made by this program (manifest.json is missing or unreadable).</source>
        <translation>{path} 不是本程序生成的备份（manifest.json 缺失或无法读取）。</translation>
    </message>
    <message>
        <source>This backup is damaged and cannot be restored: {problem}. Nothing was changed; choose another backup.</source>
        <translation>此备份已损坏，无法恢复：{problem}。未作任何改动；请选择其他备份。</translation>
    </message>
    <message>
        <source>This backup was made by a newer version of the program (schema {found}, this program knows {known}). Install the newer version first; nothing was changed.</source>
        <translation>此备份由更新版本的程序生成（数据结构版本 {found}，本程序只支持到 {known}）。请先安装新版本程序；未作任何改动。</translation>
    </message>
    <message>
        <source>The station&apos;s database is open in the program or another window. Close the program, then restore again; nothing was changed.</source>
        <translation>工作站数据库正在本程序或其他窗口中打开。请关闭程序后再进行恢复；未作任何改动。</translation>
    </message>
    <message>
        <source>The restored database could not be used ({error}), so the previous database was put back. Nothing was lost; choose another backup.</source>
        <translation>恢复的数据库无法使用（{error}），已换回原来的数据库，没有丢失任何数据；请选择其他备份。</translation>
    </message>
    <message>
        <source>This backup belongs to station {station}, not to this station, so this station&apos;s key cannot open it. Nothing was changed.</source>
        <translation>此备份属于工作站 {station}，不是本站的备份，本站的密钥无法打开它。未作任何改动。</translation>
    </message>
    <message>
        <source>This backup belongs to another station (it was made before backups named their station), so this station&apos;s key cannot open it. Nothing was changed.</source>
        <translation>此备份属于另一个工作站（制作时的版本尚未在备份中记下工作站名称），本站的密钥无法打开它。未作任何改动。</translation>
    </message>
    <message>
        <source>The backup could not be copied into {folder} ({error}). The previous database is unchanged. Check the disk&apos;s free space and permissions.</source>
        <translation>无法将备份复制到 {folder}（{error}）。原数据库未改动。请检查磁盘剩余空间和权限。</translation>
    </message>
    <message>
        <source>The backup folder {folder} cannot be read ({error}), so its backups are not listed. Check that the folder or USB drive is there and may be opened.</source>
        <translation>无法读取备份文件夹 {folder}（{error}），其中的备份未能列出。请检查该文件夹或U盘是否存在、能否打开。</translation>
    </message>
    <message>
        <source>its manifest.json is missing or unreadable</source>
        <translation>其 manifest.json 缺失或无法读取</translation>
    </message>
    <message>
        <source>the database copy {file} is missing</source>
        <translation>数据库副本 {file} 缺失</translation>
    </message>
    <message>
        <source>the database copy has changed since the backup was made (its size or SHA-256 differs)</source>
        <translation>数据库副本在备份后被改动过（大小或 SHA-256 值不符）</translation>
    </message>
    <message>
        <source>the database copy is damaged ({detail})</source>
        <translation>数据库副本已损坏（{detail}）</translation>
    </message>
    <message>
        <source>the table {table} has {found} rows; the backup recorded {expected}</source>
        <translation>数据表 {table} 现有 {found} 行，备份时记录为 {expected} 行</translation>
    </message>
    <message>
        <source>the attachment file {sha256} is missing</source>
        <translation>附件文件 {sha256} 缺失</translation>
    </message>
    <message>
        <source>the attachment file {sha256} is damaged (its size or SHA-256 differs)</source>
        <translation>附件文件 {sha256} 已损坏（大小或 SHA-256 值不符）</translation>
    </message>
    <message>
        <source>{file} cannot be read ({error})</source>
        <translation>无法读取 {file}（{error}）</translation>
    </message>
    <message>
        <source>its manifest.json is larger than {limit} MB, more than any backup writes</source>
        <translation>其 manifest.json 大于 {limit} MB，超出任何备份所写的大小</translation>
    </message>
    <message>
        <source>its manifest.json is damaged: the field {field} is missing or is not what a backup writes</source>
        <translation>其 manifest.json 已损坏：字段 {field} 缺失或不是备份所写的内容</translation>
    </message>
    <message>
        <source>its keyring.json, which opens it, is missing or damaged</source>
        <translation>用于打开它的 keyring.json 缺失或已损坏</translation>
    </message>
    <message>
        <source>{count} attachment file(s) are missing or damaged in the station&apos;s attachment folder and were not in any earlier backup either; run Tools &gt; Check all materials.</source>
        <translation>工作站附件文件夹中有 {count} 个附件文件缺失或损坏，此前的备份中也没有；请运行“工具 &gt; 核查全部材料”。</translation>
    </message>
    <message>
        <source>{count} attachment file(s) are missing or damaged in the station&apos;s attachment folder; their intact copies were taken from an earlier backup.</source>
        <translation>工作站附件文件夹中有 {count} 个附件文件缺失或损坏；已从此前的备份中取回完好的副本。</translation>
    </message>
    <message>
        <source>The second backup folder {folder} is not there (is the USB drive plugged in?); the backup was made only in {primary}.</source>
        <translation>第二备份文件夹 {folder} 不存在（U盘是否已插好？）；本次备份只保存在 {primary}。</translation>
    </message>
    <message>
        <source>The backup could not be copied to the second folder {folder} ({error}); it was made only in {primary}.</source>
        <translation>无法将备份复制到第二备份文件夹 {folder}（{error}）；本次备份只保存在 {primary}。</translation>
    </message>
    <message>
        <source>Choose a backup of this station. To put that station&apos;s data on this computer, close the program and restore the backup into a data folder of its own with that station&apos;s recovery key: python -m desktop restore &quot;{path}&quot; --data-dir NEW_FOLDER</source>
        <translation>请选择本站的备份。如要把该站的数据放到这台电脑上，请关闭程序，用该站的恢复密钥将备份恢复到单独的数据文件夹：python -m desktop restore &quot;{path}&quot; --data-dir 新文件夹</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>Second backup folder</source>
        <translation>第二备份文件夹</translation>
    </message>
    <message>
        <source>Optional: a folder on a USB drive that gets a copy of each backup</source>
        <translation>可不填：U盘上的文件夹，每次备份都会另存一份到这里</translation>
    </message>
    <message>
        <source>Backups kept</source>
        <translation>保留备份份数</translation>
    </message>
    <message>
        <source>Save backup settings</source>
        <translation>保存备份设置</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Size (MB)</source>
        <translation>大小（MB）</translation>
    </message>
    <message>
        <source>Consultations</source>
        <translation>咨询登记</translation>
    </message>
    <message>
        <source>Applications</source>
        <translation>法律援助申请</translation>
    </message>
    <message>
        <source>Attachment files</source>
        <translation>附件文件</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>所在文件夹</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Restore...</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <source>Backups in another folder...</source>
        <translation>其他文件夹中的备份…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Backups in another folder</source>
        <translation>其他文件夹中的备份</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Looking for backups...</source>
        <translation>正在查找备份…</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>已损坏</translation>
    </message>
    <message>
        <source>No backups yet. The first is made automatically once there is work to keep (see above), or now with &quot;Back up now&quot;.</source>
        <translation>还没有备份。有了需要保存的工作后会自动进行第一次备份（见上方说明），也可以点击“立即备份”马上备份。</translation>
    </message>
    <message>
        <source>A backup marked damaged cannot be restored: its manifest.json is missing or damaged. The others can.</source>
        <translation>标为“已损坏”的备份无法恢复：其 manifest.json 缺失或已损坏。其他备份可以恢复。</translation>
    </message>
    <message>
        <source>Not every backup could be listed:</source>
        <translation>部分备份未能列出：</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>Nothing to measure in this period.</source>
        <translation>这段时间没有可以计算的数值。</translation>
    </message>
</context>
<context>
    <name>BundleExchange</name>
    <message>
        <source>Export sync bundle</source>
        <translation>导出同步数据包</translation>
    </message>
    <message>
        <source>Sync bundles (*.%1)</source>
        <translation>同步数据包 (*.%1)</translation>
    </message>
    <message>
        <source>Exported %1 change(s) and %2 material file(s) (%3 MB) to %4.</source>
        <translation>已将 %1 条变更和 %2 个材料文件（%3 MB）导出到 %4。</translation>
    </message>
    <message>
        <source>Take it to the county; bring back the county&apos;s reply bundle and import it here (File, Import county reply bundle). Until then everything stays waiting to sync.</source>
        <translation>请把数据包交县中心导入，再把县中心的回复包带回本站导入（文件 → 导入县中心回复包…）。在此之前，这些记录仍为待同步。</translation>
    </message>
    <message>
        <source>Nothing is waiting to be sent. Take it to the county anyway: its reply bundle brings the county&apos;s new decisions and the roster.</source>
        <translation>没有待发送的变更。仍请交县中心导入：县中心的回复包会带回县中心的新决定和名册。</translation>
    </message>
    <message>
        <source>%1 material file(s) were left out: they no longer match their signature. Check them in Tools, Check all materials.</source>
        <translation>有 %1 个材料文件与其签名时的校验值不符，未放入数据包。请在“工具 → 核查全部材料”中查看。</translation>
    </message>
    <message>
        <source>Writing the sync bundle...</source>
        <translation>正在写入同步数据包……</translation>
    </message>
    <message>
        <source>Import county reply bundle</source>
        <translation>导入县中心回复包</translation>
    </message>
    <message>
        <source>County reply bundles (*.%1)</source>
        <translation>县中心回复包 (*.%1)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Imported the county&apos;s reply: %1 change(s) acknowledged, %2 county decision(s) received.</source>
        <translation>已导入县中心回复包：县中心确认 %1 条变更，收到县中心决定 %2 条。</translation>
    </message>
    <message>
        <source>This reply bundle was imported before; nothing new in it.</source>
        <translation>这个回复包已经导入过，没有新的内容。</translation>
    </message>
    <message>
        <source>%1 step(s) of the county center&apos;s handling of complaints (see Complaints).</source>
        <translation>收到县法律援助中心对投诉的处理 %1 条（见“投诉”）。</translation>
    </message>
    <message>
        <source>The county now holds %1 material file(s) carried by the bundle.</source>
        <translation>县中心已收到数据包中的 %1 个材料文件。</translation>
    </message>
    <message>
        <source>%1 change(s) were returned by the county: fix them in the record (see the County page).</source>
        <translation>有 %1 条变更被县中心退回：请在记录中修改（见“县中心”页）。</translation>
    </message>
    <message>
        <source>%1 change(s) are still waiting to be sent.</source>
        <translation>还有 %1 条变更待发送。</translation>
    </message>
    <message>
        <source>Importing the county&apos;s reply...</source>
        <translation>正在导入县中心回复包……</translation>
    </message>
    <message>
        <source>Recover this station from the county</source>
        <translation>从县中心恢复本站数据</translation>
    </message>
    <message>
        <source>Enroll this laptop with the county first (Settings), with the station&apos;s code and a new enrollment code from the county.</source>
        <translation>请先在“设置”中用本站代码和县中心新发的注册码为这台电脑注册。</translation>
    </message>
    <message>
        <source>This laptop has records the county does not have yet: sync first, then recover.</source>
        <translation>本机还有县中心尚未收到的记录：请先同步，再恢复。</translation>
    </message>
    <message>
        <source>Fetch every record, version and material file this station has sent to the county into this laptop? Use it on a new laptop after the old one was lost, or after restoring an older backup. Nothing here is removed.</source>
        <translation>将本站发送到县中心的全部记录、各个版本和材料文件取回到这台电脑？用于旧电脑丢失后的新电脑，或恢复了较早的备份之后。本机已有的内容不会被删除。</translation>
    </message>
    <message>
        <source>Recovered %1 change(s): %2 consultation(s) and application(s), %3 material file(s).</source>
        <translation>已恢复 %1 条变更：%2 条咨询和申请，%3 个材料文件。</translation>
    </message>
    <message>
        <source>The county has no complete copy of %1 material file(s); they are listed as missing in Tools, Check all materials.</source>
        <translation>县中心没有 %1 个材料文件的完整副本，在“工具 → 核查全部材料”中显示为缺失。</translation>
    </message>
    <message>
        <source>Fetching this station&apos;s records from the county...</source>
        <translation>正在从县中心取回本站的记录……</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export cancelled: nothing was written.</source>
        <translation>已取消导出，没有写入任何文件。</translation>
    </message>
    <message>
        <source>Cannot write or read %1: %2</source>
        <translation>无法读写 %1：%2</translation>
    </message>
    <message>
        <source>The bundle could not be handled: %1</source>
        <translation>无法处理数据包：%1</translation>
    </message>
</context>
<context>
    <name>CLI</name>
    <message>
        <source>Legal-Aid Workstation: start the program, or run one of its commands</source>
        <translation>法律援助工作站：启动程序，或运行它的一个命令</translation>
    </message>
    <message>
        <source>check this installation in a temporary folder (and --data-dir read-only), then exit</source>
        <translation>在临时文件夹中检查本机安装（--data-dir 只读检查），然后退出</translation>
    </message>
    <message>
        <source>fill the station with realistic training records</source>
        <translation>向工作站填入逼真的培训用记录</translation>
    </message>
    <message>
        <source>number of consultations and applications together</source>
        <translation>咨询和申请的总条数</translation>
    </message>
    <message>
        <source>random seed: the same seed on the same day gives the same records</source>
        <translation>随机种子：同一天用同一种子生成相同的记录</translation>
    </message>
    <message>
        <source>check every attachment&apos;s file and signature (exit status 0 only if all are ok)</source>
        <translation>核查每个材料的文件和签名（全部完好时退出码为 0）</translation>
    </message>
    <message>
        <source>make a checked backup now (database and attachments)</source>
        <translation>立即备份并核查（数据库和材料）</translation>
    </message>
    <message>
        <source>backup folder (default: the station&apos;s setting, or DATA/backups)</source>
        <translation>备份文件夹（默认：工作站设置中的文件夹，或 数据文件夹/backups）</translation>
    </message>
    <message>
        <source>how many backups to keep there (default: the station&apos;s setting)</source>
        <translation>保留多少份备份（默认：工作站设置）</translation>
    </message>
    <message>
        <source>verify a backup and put it in place (the current data are kept aside)</source>
        <translation>核查一份备份并恢复（当前数据另行保留）</translation>
    </message>
    <message>
        <source>a backup folder, the name of one in the backup folder, or &apos;latest&apos;</source>
        <translation>备份文件夹、备份文件夹中某份备份的名称，或 latest（最新）</translation>
    </message>
    <message>
        <source>do not ask for confirmation</source>
        <translation>不再询问确认</translation>
    </message>
    <message>
        <source>set the station&apos;s details (as Settings does), for installers&apos; scripts</source>
        <translation>设置工作站信息（与“设置”相同），供安装脚本使用</translation>
    </message>
    <message>
        <source>the station code given by the county, e.g. CG01</source>
        <translation>县中心分配的工作站代码，如 CG01</translation>
    </message>
    <message>
        <source>the station&apos;s name</source>
        <translation>工作站名称</translation>
    </message>
    <message>
        <source>the township</source>
        <translation>所在乡镇</translation>
    </message>
    <message>
        <source>a clerk&apos;s name (repeat for each)</source>
        <translation>经办人姓名（每人一次）</translation>
    </message>
    <message>
        <source>the kind of station: fixed (township workstation, default), mobile (service team) or military (military-unit workstation)</source>
        <translation>工作站类型：fixed（乡镇法律援助工作站，默认）、mobile（流动服务队）或 military（军营法律援助工作站）</translation>
    </message>
    <message>
        <source>the county&apos;s name</source>
        <translation>所属县名称</translation>
    </message>
    <message>
        <source>the station&apos;s phone, printed on the receipt, e.g. 0376-6123456 (empty: none)</source>
        <translation>工作站电话，印在回执上，例如 0376-6123456（留空：不填）</translation>
    </message>
    <message>
        <source>the station&apos;s address, printed on the receipt (empty: none)</source>
        <translation>工作站地址，印在回执上（留空：不填）</translation>
    </message>
    <message>
        <source>the county legal-aid center&apos;s phone, printed on the county&apos;s notices (empty: none)</source>
        <translation>县法律援助中心电话，印在县中心的通知书上（留空：不填）</translation>
    </message>
    <message>
        <source>enroll this station with the county server (once)</source>
        <translation>向县中心服务器注册本工作站（一次）</translation>
    </message>
    <message>
        <source>the county server&apos;s address, e.g. https://county.example:8765</source>
        <translation>县中心服务器地址，如 https://county.example:8765</translation>
    </message>
    <message>
        <source>the one-time enrollment code from the county</source>
        <translation>县中心发放的一次性注册码</translation>
    </message>
    <message>
        <source>no network: write the enrollment request to this file (USB)</source>
        <translation>没有网络时：把注册申请写入此文件（U盘）</translation>
    </message>
    <message>
        <source>no network: import the county&apos;s enrollment answer file</source>
        <translation>没有网络时：导入县中心的注册答复文件</translation>
    </message>
    <message>
        <source>the county root&apos;s fingerprint, as printed on the enrollment sheet</source>
        <translation>县中心根证书指纹（注册单上印的）</translation>
    </message>
    <message>
        <source>instead of typing it: a photo or scan of the enrollment sheet&apos;s QR code</source>
        <translation>不手工输入指纹时：注册单二维码的照片或扫描件</translation>
    </message>
    <message>
        <source>rebuild this station from the county (a new laptop, enrolled)</source>
        <translation>从县中心恢复本工作站（已注册的新电脑）</translation>
    </message>
    <message>
        <source>use this address for this run instead of the enrolled one</source>
        <translation>本次使用此地址，而不是注册时的地址</translation>
    </message>
    <message>
        <source>one sync round with the county (exit status 0: nothing left unsent)</source>
        <translation>与县中心同步一次（退出码 0：没有未发送的内容）</translation>
    </message>
    <message>
        <source>write every change the county has not acknowledged into one signed file (e.g. on a USB stick)</source>
        <translation>把县中心尚未确认的全部变更写入一个签名文件（如U盘上）</translation>
    </message>
    <message>
        <source>the bundle file to write</source>
        <translation>要写入的数据包文件</translation>
    </message>
    <message>
        <source>apply the county&apos;s reply bundle</source>
        <translation>导入县中心的回复包</translation>
    </message>
    <message>
        <source>the reply bundle written by the county</source>
        <translation>县中心生成的回复包</translation>
    </message>
    <message>
        <source>open the county center&apos;s workspace; with --server and --fingerprint, set this computer up as the county workspace (installers) and exit</source>
        <translation>打开县法律援助中心工作台；带 --server 和 --fingerprint 时，把本机设置为县中心工作台（安装用）后退出</translation>
    </message>
    <message>
        <source>the county certificate&apos;s fingerprint, as the county&apos;s administrator gave it</source>
        <translation>县中心证书指纹（由县中心管理员提供）</translation>
    </message>
    <message>
        <source>write a report or a list (PDF, Excel or CSV), e.g. for a scheduled task</source>
        <translation>生成报表或清单（PDF、Excel 或 CSV），例如供计划任务使用</translation>
    </message>
    <message>
        <source>the machine credential file a command unlocks the station with (scheduled tasks)</source>
        <translation>命令用来解锁工作站的机器凭据文件（计划任务）</translation>
    </message>
    <message>
        <source>create a station and its station head (the password on standard input)</source>
        <translation>创建工作站及其站长账户（密码从标准输入读取）</translation>
    </message>
    <message>
        <source>the station head&apos;s name</source>
        <translation>站长姓名</translation>
    </message>
    <message>
        <source>create or remove the machine credential scheduled tasks unlock with (a station head&apos;s password on standard input)</source>
        <translation>创建或作废计划任务解锁用的机器凭据（站长密码从标准输入读取）</translation>
    </message>
    <message>
        <source>where to write it (default: machine.credential in the data folder)</source>
        <translation>写入位置（默认：数据文件夹中的 machine.credential）</translation>
    </message>
    <message>
        <source>There is no station database in {path}.</source>
        <translation>{path} 中没有工作站数据库。</translation>
    </message>
    <message>
        <source>Stopped; no backup was made.</source>
        <translation>已停止，没有生成备份。</translation>
    </message>
    <message>
        <source>Backup made and checked: {path}</source>
        <translation>备份已生成并核查无误：{path}</translation>
    </message>
    <message>
        <source>{what}; {seconds} s</source>
        <translation>{what}；用时 {seconds} 秒</translation>
    </message>
    <message>
        <source>also copied to {path}</source>
        <translation>已同时复制到 {path}</translation>
    </message>
    <message>
        <source>Warning: {text}</source>
        <translation>警告：{text}</translation>
    </message>
    <message>
        <source>There is no backup {name}: give a backup folder (with manifest.json) or the name of one in {folder}.</source>
        <translation>没有备份 {name}：请给出备份文件夹（含 manifest.json），或 {folder} 中某份备份的名称。</translation>
    </message>
    <message>
        <source>The program is open on this data folder. Close it, then restore again; nothing was changed.</source>
        <translation>程序正在使用这个数据文件夹。请先关闭程序再恢复；没有做任何改动。</translation>
    </message>
    <message>
        <source>Checking the backup {path} ...</source>
        <translation>正在核查备份 {path} ……</translation>
    </message>
    <message>
        <source>Stopped; nothing was changed.</source>
        <translation>已停止，没有做任何改动。</translation>
    </message>
    <message>
        <source>The recovery key of the backup&apos;s station (printed when it was set up): </source>
        <translation>该备份所属工作站的恢复密钥（设立工作站时打印的）：</translation>
    </message>
    <message>
        <source>The backup {path} is damaged and cannot be restored; nothing was changed:</source>
        <translation>备份 {path} 已损坏，无法恢复；没有做任何改动：</translation>
    </message>
    <message>
        <source>... and {count} more</source>
        <translation>……另有 {count} 处</translation>
    </message>
    <message>
        <source>The backup is intact: {what}.</source>
        <translation>备份完好：{what}。</translation>
    </message>
    <message>
        <source>Replace the station&apos;s data in {path} with this backup? Everything recorded after {when} will no longer be in the program.</source>
        <translation>用这份备份替换 {path} 中的工作站数据吗？{when} 之后登记的内容将不再出现在程序中。</translation>
    </message>
    <message>
        <source>The current database is kept beside it as station.db.before-restore-...</source>
        <translation>当前数据库将保留在旁边，名为 station.db.before-restore-……</translation>
    </message>
    <message>
        <source>Type yes (or 是) to restore: </source>
        <translation>输入 是（或 yes）确认恢复：</translation>
    </message>
    <message>
        <source>Not restored; nothing was changed.</source>
        <translation>未恢复，没有做任何改动。</translation>
    </message>
    <message>
        <source>Restored {path} into {data_dir}.</source>
        <translation>已将 {path} 恢复到 {data_dir}。</translation>
    </message>
    <message>
        <source>The database it replaced is kept as {path}.</source>
        <translation>被替换的数据库保留为 {path}。</translation>
    </message>
    <message>
        <source>{count} attachment file(s) were put back into the vault.</source>
        <translation>已将 {count} 个材料文件放回材料库。</translation>
    </message>
    <message>
        <source>made {when}, {size}, {consultations} consultations, {applications} applications, {persons} persons, {files} attachment files</source>
        <translation>生成于 {when}，{size}，咨询 {consultations} 条，申请 {applications} 条，人员 {persons} 人，材料文件 {files} 个</translation>
    </message>
    <message>
        <source>, {count} attachment files missing</source>
        <translation>，缺少材料文件 {count} 个</translation>
    </message>
    <message>
        <source>backed up {done} of {total}</source>
        <translation>已备份 {done}，共 {total}</translation>
    </message>
    <message>
        <source>checked {done} of {total}</source>
        <translation>已核查 {done}，共 {total}</translation>
    </message>
    <message>
        <source>There is no station in {path} (no station database): check --data-dir. Nothing was created.</source>
        <translation>{path} 中没有工作站（没有工作站数据库）：请检查 --data-dir。没有创建任何内容。</translation>
    </message>
    <message>
        <source>the station&apos;s data folder (default: the per-user application data folder)</source>
        <translation>工作站数据文件夹（默认：当前用户的应用数据文件夹）</translation>
    </message>
    <message>
        <source>demo-data: --count must be 0 or more</source>
        <translation>demo-data：--count 必须大于或等于 0</translation>
    </message>
    <message>
        <source>demo-data stopped: {problem}</source>
        <translation>demo-data 已停止：{problem}</translation>
    </message>
    <message>
        <source>demo-data: the station key cannot be used: {problem}</source>
        <translation>demo-data：工作站密钥无法使用：{problem}</translation>
    </message>
    <message>
        <source>demo-data: set up the demo station {code} {name}</source>
        <translation>demo-data：已设置演示工作站 {code} {name}</translation>
    </message>
    <message>
        <source>demo-data: saving {count} records into {database}, scans into {vault}</source>
        <translation>demo-data：正在保存 {count} 条记录到 {database}，扫描件到 {vault}</translation>
    </message>
    <message>
        <source>demo-data: a generated record did not pass validation: {problem}</source>
        <translation>demo-data：生成的记录未通过校验：{problem}</translation>
    </message>
    <message>
        <source>demo-data: a sample scan was not attached: {problem}</source>
        <translation>demo-data：示例扫描件未能添加：{problem}</translation>
    </message>
    <message>
        <source>demo-data: saved {total} records ({consultations} consultations, {applications} applications, {linked} from consultations, {edits} edits, {voided} voided), {events} county decisions, {closures} closure reports, {follow_ups} follow-ups, {court_attendances} court attendances, {evaluations} quality evaluations, {complaints} complaints, {outreach} outreach events of {people} people and {scans} signed scans ({size}) in {seconds} s, {rate} records/s</source>
        <translation>demo-data：已保存 {total} 条记录（咨询 {consultations} 条、申请 {applications} 条，其中由咨询转来 {linked} 条，修改 {edits} 次，作废 {voided} 条），县中心决定 {events} 个，结案报告 {closures} 份，回访 {follow_ups} 次，旁听庭审 {court_attendances} 次，质量评查 {evaluations} 次，投诉 {complaints} 件，外出服务 {outreach} 次，涉及 {people} 人，已签名扫描件 {scans} 个（{size}），用时 {seconds} 秒，每秒 {rate} 条</translation>
    </message>
    <message>
        <source>which report: LIST, INDICATORS, 12348-QUARTERLY, COMPLAINTS, CASE-STATISTICS or TYPICAL-CASES</source>
        <translation>报表种类：LIST（清单）、INDICATORS（工作指标）、12348-QUARTERLY（12348 季报）、COMPLAINTS（投诉）、CASE-STATISTICS（案件统计）或 TYPICAL-CASES（典型案例）</translation>
    </message>
    <message>
        <source>the list (LIST only; default application)</source>
        <translation>清单的记录种类（仅用于 LIST；默认 application 申请）</translation>
    </message>
    <message>
        <source>first day, YYYY-MM-DD (default: 1 January of this year)</source>
        <translation>起始日期，YYYY-MM-DD（默认：今年 1 月 1 日）</translation>
    </message>
    <message>
        <source>last day, YYYY-MM-DD (default: today)</source>
        <translation>截止日期，YYYY-MM-DD（默认：今天）</translation>
    </message>
    <message>
        <source>pdf, xlsx or csv (default: from the file name&apos;s ending)</source>
        <translation>pdf、xlsx 或 csv（默认：按文件扩展名）</translation>
    </message>
    <message>
        <source>the file to write</source>
        <translation>要写入的文件</translation>
    </message>
    <message>
        <source>Refused: give the format with --format pdf|xlsx|csv, or end the file name with .pdf, .xlsx or .csv.</source>
        <translation>拒绝：请用 --format pdf|xlsx|csv 指定格式，或让文件名以 .pdf、.xlsx、.csv 结尾。</translation>
    </message>
    <message>
        <source>Refused: cannot write {path}: {problem}</source>
        <translation>拒绝：无法写入 {path}：{problem}</translation>
    </message>
    <message>
        <source>Refused: the station&apos;s data cannot be read: {problem}</source>
        <translation>拒绝：无法读取工作站数据：{problem}</translation>
    </message>
    <message>
        <source>Written: {path}</source>
        <translation>已生成 {path}</translation>
    </message>
    <message>
        <source>Refused: {option} {value} is not a day; write it as YYYY-MM-DD, e.g. 2026-03-31</source>
        <translation>已拒绝：{option} {value} 不是有效日期，请按 YYYY-MM-DD 填写，例如 2026-03-31</translation>
    </message>
    <message>
        <source>Refused: the period begins on {start}, after its last day {end}; give --from on or before --to</source>
        <translation>已拒绝：统计期间的开始日期 {start} 晚于结束日期 {end}，--from 应不晚于 --to</translation>
    </message>
    <message>
        <source>{problem} (the station code {code} is fixed)</source>
        <translation>{problem}（工作站代码 {code} 已固定）</translation>
    </message>
    <message>
        <source>Set: station {code} {name} ({township}), clerks {clerks}</source>
        <translation>已设置：工作站 {code} {name}（{township}），经办人 {clerks}</translation>
    </message>
    <message>
        <source>Phone {phone}, address {address}; the county legal-aid center&apos;s phone {center}</source>
        <translation>电话 {phone}，地址 {address}；县法律援助中心电话 {center}</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未填</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Set up the station first: its code and name (Settings, or python -m desktop setup).</source>
        <translation>请先设置工作站代码和名称（在“设置”中，或用 python -m desktop setup）。</translation>
    </message>
    <message>
        <source>Returned: {record_type} {record_id} version {version}: {reason}</source>
        <translation>被退回：{record_type} {record_id} 第 {version} 版：{reason}</translation>
    </message>
    <message>
        <source>Use --server with --code and the enrollment sheet&apos;s fingerprint (--fingerprint, or --fingerprint-image with a photo of its QR code); with no network, --code with --request, then --answer with the county&apos;s answer file.</source>
        <translation>用法：--server 地址 加 --code 注册码 和注册单上的指纹（--fingerprint 指纹，或 --fingerprint-image 二维码照片）；没有网络时用 --code 注册码 加 --request 文件，再用 --answer 导入县中心答复文件。</translation>
    </message>
    <message>
        <source>Cannot write {path}: {problem}</source>
        <translation>无法写入 {path}：{problem}</translation>
    </message>
    <message>
        <source>The enrollment request is written to {path}. Take it to the county (python -m sync.server station enroll-file), then import its answer here.</source>
        <translation>已写入注册申请 {path}。请交县中心（python -m sync.server station enroll-file），再在本站导入其答复。</translation>
    </message>
    <message>
        <source>Enrolled: station {code} {name}, key {fingerprint}; the document-signing certificate is valid until {until}</source>
        <translation>已注册：工作站 {code} {name}，密钥 {fingerprint}，文书签名证书有效期至 {until}</translation>
    </message>
    <message>
        <source>Exported {changes} changes not yet acknowledged and {files} material files ({size}) to {path}. Take it to the county to import, then bring the reply bundle back and import it here.</source>
        <translation>已导出 {changes} 条未确认的变更和 {files} 个材料文件（{size}）到 {path}。请交县中心导入，再把回复包带回本站导入。</translation>
    </message>
    <message>
        <source>{count} material files no longer match their signed hash and were not exported; see Tools, Check all materials.</source>
        <translation>{count} 个材料文件与其签名时的校验值不符，未导出。请在 工具 → 核查全部材料 中查看。</translation>
    </message>
    <message>
        <source>This reply bundle was imported before; it brought nothing new.</source>
        <translation>这个回复包已经导入过，没有新的内容。</translation>
    </message>
    <message>
        <source>The county&apos;s reply bundle is imported: {changes} changes and {files} material files confirmed, {events} county decisions received.</source>
        <translation>已导入县中心回复包：确认 {changes} 条变更、{files} 个材料文件，收到县中心决定 {events} 条。</translation>
    </message>
    <message>
        <source>Recovered from the county: {changes} changes ({records} consultations and applications) and {files} material files ({size}). The county&apos;s decisions come with the next sync.</source>
        <translation>已从县中心恢复 {changes} 条变更（{records} 条咨询和申请）、{files} 个材料文件（{size}）。县中心的决定将在下次同步时取回。</translation>
    </message>
    <message>
        <source>The county has no complete copy of material file {sha256}; it was not recovered.</source>
        <translation>县中心没有材料文件 {sha256} 的完整副本，未恢复。</translation>
    </message>
    <message>
        <source>The attachment folder {path} cannot be used: {problem}</source>
        <translation>材料文件夹 {path} 无法使用：{problem}</translation>
    </message>
    <message>
        <source>{status}: {owner}: attachment {id}{void} of {record_type} {record_id}, slot {slot}, &quot;{name}&quot; (sha256 {sha256}): {problem}</source>
        <translation>{status}：{owner}：{record_type} {record_id} 的材料 {id}{void}，位置 {slot}，“{name}”（sha256 {sha256}）：{problem}</translation>
    </message>
    <message>
        <source> (voided)</source>
        <translation>（已作废）</translation>
    </message>
    <message>
        <source>{status} {count}</source>
        <translation>{status} {count} 个</translation>
    </message>
    <message>
        <source>intact</source>
        <translation>完好</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>已被改动</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>unsigned</source>
        <translation>无签名</translation>
    </message>
    <message>
        <source>County legal-aid center sync server and its admin commands</source>
        <translation>县法律援助中心同步服务器及其管理命令</translation>
    </message>
    <message>
        <source>the server&apos;s data folder (default ./county-data)</source>
        <translation>服务器数据文件夹（默认 ./county-data）</translation>
    </message>
    <message>
        <source>the address to listen on (default 127.0.0.1; 0.0.0.0: every network)</source>
        <translation>监听地址（默认 127.0.0.1；0.0.0.0 表示所有网络）</translation>
    </message>
    <message>
        <source>the port to listen on (default 8765)</source>
        <translation>监听端口（默认 8765）</translation>
    </message>
    <message>
        <source>the county&apos;s own TLS certificate (PEM), issued under its root</source>
        <translation>县中心自备的 TLS 证书（PEM），须由县中心根证书签发</translation>
    </message>
    <message>
        <source>the private key of --tls-cert (PEM)</source>
        <translation>--tls-cert 证书的私钥（PEM）</translation>
    </message>
    <message>
        <source>run the server (TLS unless on this computer only)</source>
        <translation>运行服务器（除仅限本机外均使用 TLS）</translation>
    </message>
    <message>
        <source>make the county root, keys and certificates</source>
        <translation>生成县中心根证书、密钥和证书</translation>
    </message>
    <message>
        <source>where to keep the key that encrypts county.db and the county&apos;s files, outside the data folder (default: beside it, DATA.key); once made, a key is never replaced</source>
        <translation>加密 county.db 和县中心文件的密钥存放在哪里，须在数据文件夹之外（默认：放在它旁边，DATA.key）；密钥一经生成，永不替换</translation>
    </message>
    <message>
        <source>The key that encrypts county.db and the county&apos;s files (materials, issued documents, unfinished uploads) is {path}, outside the data folder. Keep it apart from the data and from its backups (another disk, or a USB key in the safe), readable by the server&apos;s account only: without it county.db and the files cannot be opened, and with it anyone can. The data folder notes only where it is (key_location.txt); LEGALAID_COUNTY_KEY_FILE can name it instead.</source>
        <translation>加密 county.db 和县中心文件（申请材料、已出具文书、未传完的上传）的密钥是 {path}，位于数据文件夹之外。请把它与数据及其备份分开保管（放在另一块磁盘上，或存入U盘锁进保险柜），只让运行服务器的账户能读取：没有它就打不开 county.db 和这些文件，有了它谁都能打开。数据文件夹里只记录密钥的位置（key_location.txt）；也可以用 LEGALAID_COUNTY_KEY_FILE 指明。</translation>
    </message>
    <message>
        <source>the county center&apos;s name on its certificates</source>
        <translation>证书上的县中心名称</translation>
    </message>
    <message>
        <source>make the server&apos;s TLS certificate under the county root</source>
        <translation>用县中心根证书签发服务器的 TLS 证书</translation>
    </message>
    <message>
        <source>a host name or IP address stations use to reach the server (repeat for several)</source>
        <translation>工作站访问服务器所用的主机名或 IP 地址（多个时重复填写）</translation>
    </message>
    <message>
        <source>print the county center&apos;s API token (/v1/admin)</source>
        <translation>显示县中心管理接口的令牌（/v1/admin）</translation>
    </message>
    <message>
        <source>make a new token (the old one stops working)</source>
        <translation>生成新令牌（旧令牌随即失效）</translation>
    </message>
    <message>
        <source>stations: add, list, revoke, enroll by file</source>
        <translation>工作站：登记、列出、撤销、用文件注册</translation>
    </message>
    <message>
        <source>register a station; prints its one-time enrollment code</source>
        <translation>登记一个工作站，并显示其一次性注册码</translation>
    </message>
    <message>
        <source>the station code, e.g. CG01</source>
        <translation>工作站代码，如 CG01</translation>
    </message>
    <message>
        <source>the server address printed on the enrollment sheet (https://...)</source>
        <translation>印在注册单上的服务器地址（https://...）</translation>
    </message>
    <message>
        <source>where to write the enrollment sheet (PDF); default DATA_DIR/enrollment-sheets/CODE.pdf</source>
        <translation>注册单（PDF）的保存位置；默认 数据文件夹/enrollment-sheets/工作站代码.pdf</translation>
    </message>
    <message>
        <source>list the stations and whether each is enrolled</source>
        <translation>列出各工作站及其注册状态</translation>
    </message>
    <message>
        <source>enroll a station with no network from its request file (USB)</source>
        <translation>用注册申请文件为没有网络的工作站注册（U盘）</translation>
    </message>
    <message>
        <source>the enrollment request the station wrote</source>
        <translation>工作站写出的注册申请文件</translation>
    </message>
    <message>
        <source>write an enrolled station&apos;s certificates (with the county&apos;s encryption certificate) to a file it imports by USB</source>
        <translation>把已注册工作站的证书（含县中心的加密证书）写入文件，供工作站用U盘导入</translation>
    </message>
    <message>
        <source>where to write the answer for the station</source>
        <translation>给工作站的答复文件写到哪里</translation>
    </message>
    <message>
        <source>revoke a station (a lost laptop): it can no longer sync</source>
        <translation>撤销一个工作站（如电脑丢失）：它将不能再同步</translation>
    </message>
    <message>
        <source>why (kept with the revocation)</source>
        <translation>撤销原因（随撤销记录保存）</translation>
    </message>
    <message>
        <source>make a recovery file for a station that lost every password and its recovery key (its key escrowed to the county)</source>
        <translation>为丢失全部密码和恢复密钥的工作站制作恢复文件（该站须已将密钥托管给县中心）</translation>
    </message>
    <message>
        <source>where to write the recovery file (e.g. on a USB stick)</source>
        <translation>恢复文件的保存位置（如U盘）</translation>
    </message>
    <message>
        <source>who at the center makes it (recorded in the audit log)</source>
        <translation>县中心制作人（记入审计日志）</translation>
    </message>
    <message>
        <source>Wrote the recovery file for station {code} to {path}. Its one-time key is below: give the file and the key to the station head separately (the key on paper or by phone, never with the file). At the station: the sign-in window → Forgot the password? Use the recovery key... → County&apos;s recovery file....</source>
        <translation>已将工作站 {code} 的恢复文件写入 {path}。一次性密钥见下行：文件和密钥须分开交给站长（密钥写在纸上或电话告知，切勿与文件放在一起）。在工作站：登录窗口 → 忘记密码？使用恢复密钥… → 县中心恢复文件…。</translation>
    </message>
    <message>
        <source>record a county decision on an application</source>
        <translation>登记县中心对一份申请的决定</translation>
    </message>
    <message>
        <source>the decision: accept, supplement, grant, refuse, assign, progress or close</source>
        <translation>决定：accept（受理）、supplement（补充材料）、grant（给予）、refuse（不予）、assign（指派）、progress（办理进展）或 close（结案）</translation>
    </message>
    <message>
        <source>the application number (e.g. CG01-2025-00001)</source>
        <translation>申请编号（如 CG01-2025-00001）</translation>
    </message>
    <message>
        <source>a note (progress: required)</source>
        <translation>备注（办理进展必填）</translation>
    </message>
    <message>
        <source>a missing material (supplement; repeat for each)</source>
        <translation>缺少的材料（补充材料；每项一次）</translation>
    </message>
    <message>
        <source>a reason (refuse, terminate; repeat for each)</source>
        <translation>理由（不予、终止法律援助时填写；每条理由指定一次）</translation>
    </message>
    <message>
        <source>the justice bureau&apos;s answer to the objection (objection)</source>
        <translation>司法行政部门对异议的审查结果（登记异议时填写）</translation>
    </message>
    <message>
        <source>what the justice bureau decided (objection): upheld, or corrected (the center decides again)</source>
        <translation>司法行政部门的审查结果（objection）：upheld 维持原决定，corrected 责令改正（由中心重新作出决定）</translation>
    </message>
    <message>
        <source>assign: the roster id of the lawyer, law firm or staff member (see roster list)</source>
        <translation>指派：律师、律师事务所或工作人员在名册中的编号（见 roster list）</translation>
    </message>
    <message>
        <source>the outcome (close)</source>
        <translation>办理结果（结案）</translation>
    </message>
    <message>
        <source>apply a station&apos;s offline (USB) bundle and write the reply bundle</source>
        <translation>导入工作站的离线数据包（U盘）并生成回复包</translation>
    </message>
    <message>
        <source>the bundle exported at the station</source>
        <translation>工作站导出的数据包</translation>
    </message>
    <message>
        <source>where to write the reply bundle for the station</source>
        <translation>给工作站的回复包写到哪里</translation>
    </message>
    <message>
        <source>write a report or a list over all stations (PDF, Excel or CSV)</source>
        <translation>生成全县各工作站的报表或清单（PDF、Excel 或 CSV）</translation>
    </message>
    <message>
        <source>This computer now opens as the county workspace of {url} (county certificate {fp}).</source>
        <translation>本机已设置为县中心工作台，服务器 {url}（县中心证书 {fp}）。</translation>
    </message>
    <message>
        <source>Give both --server and --fingerprint, or neither (to open the workspace).</source>
        <translation>请同时给出 --server 和 --fingerprint，或都不给（打开工作台）。</translation>
    </message>
    <message>
        <source>Refused: {reason}</source>
        <translation>拒绝：{reason}</translation>
    </message>
    <message>
        <source>There is no county data folder at {path} (no county.db): run `python -m sync.server init --data-dir FOLDER` first, or give the right --data-dir. Nothing was created.</source>
        <translation>{path} 不是县中心数据文件夹（没有 county.db）：请先运行 python -m sync.server init --data-dir 文件夹，或给出正确的 --data-dir。没有创建任何内容。</translation>
    </message>
    <message>
        <source>Note: there is no county key in {path}: a NEW county root and keys are made there. Stations enrolled with another folder&apos;s root will not trust this server.</source>
        <translation>注意：{path} 中没有县中心密钥，将在此生成新的县中心根证书和密钥。用其他文件夹的根证书注册的工作站不会信任这个服务器。</translation>
    </message>
    <message>
        <source>The county root and keys are in {path}. The root&apos;s fingerprint (printed on every enrollment sheet):</source>
        <translation>县中心根证书和密钥位于 {path}。根证书指纹（印在每张注册单上）：</translation>
    </message>
    <message>
        <source>The TLS certificate for {hosts} is written to {cert} (key {key}); serving uses it.</source>
        <translation>{hosts} 的 TLS 证书已写入 {cert}（私钥 {key}）；运行服务器时使用它。</translation>
    </message>
    <message>
        <source>Stations enroll with {url} (or the port you serve on).</source>
        <translation>工作站用 {url} 注册（或服务器实际使用的端口）。</translation>
    </message>
    <message>
        <source>give both --tls-cert and --tls-key.</source>
        <translation>--tls-cert 和 --tls-key 须同时给出。</translation>
    </message>
    <message>
        <source>there is no TLS certificate, and stations refuse plain http to {host}. Make one with `python -m sync.server tls-cert --host NAME_OR_IP` (the names stations use), or give the county&apos;s own with --tls-cert and --tls-key.</source>
        <translation>没有 TLS 证书，而工作站拒绝以明文 http 连接 {host}。请用 python -m sync.server tls-cert --host 主机名或IP（工作站使用的名称）生成一份，或用 --tls-cert 和 --tls-key 给出县中心自备的证书。</translation>
    </message>
    <message>
        <source>Serving {url}; the county root&apos;s fingerprint is {fingerprint}</source>
        <translation>服务器运行于 {url}；县中心根证书指纹为 {fingerprint}</translation>
    </message>
    <message>
        <source>Indexing {count} records for the workspace&apos;s queue, search and measures (once, after an upgrade); the server answers when this is done...</source>
        <translation>正在为工作台的待办队列、检索和计划指标建立索引（{count} 条记录，升级后仅此一次），完成后服务器开始应答……</translation>
    </message>
    <message>
        <source>... {done} of {count} records indexed</source>
        <translation>……已建立索引 {done} / {count} 条记录</translation>
    </message>
    <message>
        <source>Enrollment sheet (the code, the server address, the root&apos;s fingerprint and its QR code): {path}</source>
        <translation>注册单（注册码、服务器地址、根证书指纹及其二维码）：{path}</translation>
    </message>
    <message>
        <source>The county key is not made yet: run `python -m sync.server init` first.</source>
        <translation>尚未生成县中心密钥：请先运行 python -m sync.server init。</translation>
    </message>
    <message>
        <source>Note: station {code} was revoked on {at}; it is registered again and its old laptop stays locked out (it must enroll with this new code).</source>
        <translation>注意：工作站 {code} 已于 {at} 被撤销；现重新登记，旧电脑仍被拒绝（须用新的注册码注册）。</translation>
    </message>
    <message>
        <source>Station {code} is registered; give this one-time enrollment code to its installer:</source>
        <translation>工作站 {code} 已登记；请把以下一次性注册码交给安装人员：</translation>
    </message>
    <message>
        <source>Note: station type &quot;{old}&quot; is now called &quot;{new}&quot;.</source>
        <translation>注意：工作站类型“{old}”现称为“{new}”。</translation>
    </message>
    <message>
        <source>Station {code} is revoked.</source>
        <translation>工作站 {code} 已撤销。</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>enrolled</source>
        <translation>已注册</translation>
    </message>
    <message>
        <source>waiting for enrollment</source>
        <translation>等待注册</translation>
    </message>
    <message>
        <source>Recorded {kind} for {number}: event {seq}, status {status}.</source>
        <translation>已登记 {number} 的决定 {kind}：事件 {seq}，状态 {status}。</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>不变</translation>
    </message>
    <message>
        <source>{path} is not a station&apos;s enrollment request ({problem}).</source>
        <translation>{path} 不是工作站的注册申请（{problem}）。</translation>
    </message>
    <message>
        <source>The certificates of station {code} are in {reply}; the station imports it as the county&apos;s enrollment answer (Settings).</source>
        <translation>工作站 {code} 的证书已写入 {reply}；请工作站在“设置”中作为县中心注册答复导入。</translation>
    </message>
    <message>
        <source>Station {code} is enrolled (key {key}); give {reply} back to the station.</source>
        <translation>工作站 {code} 已注册（密钥 {key}）；请把 {reply} 交回工作站。</translation>
    </message>
    <message>
        <source>Station {station}: {changes} changes ({accepted} new, {duplicates} already here, {rejected} rejected), {files} material files held; the reply with {events} county decisions is written to {reply}.</source>
        <translation>工作站 {station}：{changes} 条变更（新收 {accepted} 条，已有 {duplicates} 条，退回 {rejected} 条），收存材料文件 {files} 个；含 {events} 条县中心决定的回复包已写入 {reply}。</translation>
    </message>
    <message>
        <source>The reply also carries {count} step(s) of the center&apos;s handling of the station&apos;s complaints.</source>
        <translation>回执还带有县中心对该工作站投诉的处理 {count} 条。</translation>
    </message>
    <message>
        <source>Rejected {change_id}: {reason}</source>
        <translation>退回 {change_id}：{reason}</translation>
    </message>
    <message>
        <source>the roster of lawyers and staff to assign</source>
        <translation>可指派的律师和工作人员名册</translation>
    </message>
    <message>
        <source>add or update members from a CSV file</source>
        <translation>从 CSV 文件新增或更新名册人员</translation>
    </message>
    <message>
        <source>a UTF-8 CSV file with the header {header}</source>
        <translation>UTF-8 编码的 CSV 文件，表头为 {header}</translation>
    </message>
    <message>
        <source>every member, active or not</source>
        <translation>列出全部人员（在册和已停用）</translation>
    </message>
    <message>
        <source>take a member off the active roster</source>
        <translation>停用名册中的一名人员</translation>
    </message>
    <message>
        <source>the member&apos;s roster id, e.g. L001</source>
        <translation>人员在名册中的编号，如 L001</translation>
    </message>
    <message>
        <source>townships&apos; registered population</source>
        <translation>各乡镇的户籍人口</translation>
    </message>
    <message>
        <source>set a township&apos;s registered population</source>
        <translation>设置一个乡镇的户籍人口</translation>
    </message>
    <message>
        <source>every township&apos;s registered population</source>
        <translation>列出各乡镇的户籍人口</translation>
    </message>
    <message>
        <source>the township, exactly as the stations name it</source>
        <translation>乡镇名称（须与工作站设置中的写法完全一致）</translation>
    </message>
    <message>
        <source>registered residents</source>
        <translation>户籍人口数</translation>
    </message>
    <message>
        <source>Refused: {file} has {count} bad row(s); nothing was imported.</source>
        <translation>拒绝：{file} 有 {count} 行有误，未导入任何内容。</translation>
    </message>
    <message>
        <source>line {line}: {reason}</source>
        <translation>第 {line} 行：{reason}</translation>
    </message>
    <message>
        <source>Roster: {added} added, {updated} updated, {unchanged} unchanged; reference version {version}</source>
        <translation>名册：新增 {added} 人，更新 {updated} 人，未变 {unchanged} 人；参考数据版本 {version}</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>the county center&apos;s staff accounts (the first administrator)</source>
        <translation>县法律援助中心工作人员账户（首个系统管理员）</translation>
    </message>
    <message>
        <source>add an account, or change its name and roles</source>
        <translation>新建账户，或修改账户的姓名和角色</translation>
    </message>
    <message>
        <source>the login name, e.g. lifang</source>
        <translation>登录名，例如 lifang</translation>
    </message>
    <message>
        <source>the person&apos;s name, shown on decisions</source>
        <translation>本人姓名，显示在各项决定上</translation>
    </message>
    <message>
        <source>a role (repeat for several): {roles}</source>
        <translation>角色（可重复指定多个）：{roles}</translation>
    </message>
    <message>
        <source>read the password from the first line of standard input (scripts)</source>
        <translation>从标准输入的第一行读取密码（供脚本使用）</translation>
    </message>
    <message>
        <source>every account and its roles</source>
        <translation>列出全部账户及其角色</translation>
    </message>
    <message>
        <source>end an account (its sessions end; its decisions keep its name)</source>
        <translation>停用账户（其登录随即失效；已作出的决定仍保留其姓名）</translation>
    </message>
    <message>
        <source>give an account a new password (its sessions end)</source>
        <translation>为账户设置新密码（其登录随即失效）</translation>
    </message>
    <message>
        <source>Password for {name}: </source>
        <translation>{name} 的密码：</translation>
    </message>
    <message>
        <source>The same password again: </source>
        <translation>请再次输入同一密码：</translation>
    </message>
    <message>
        <source>The two passwords differ; nothing was changed.</source>
        <translation>两次输入的密码不一致，未作任何更改。</translation>
    </message>
    <message>
        <source>Account {name} ({display}): {roles}.</source>
        <translation>账户 {name}（{display}）：{roles}。</translation>
    </message>
    <message>
        <source>Account {name} is ended.</source>
        <translation>账户 {name} 已停用。</translation>
    </message>
    <message>
        <source>Account {name} has a new password; its sessions have ended.</source>
        <translation>账户 {name} 已设置新密码，其原有登录已失效。</translation>
    </message>
    <message>
        <source>active</source>
        <translation>在册</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>There is no account {name}.</source>
        <translation>没有账户 {name}。</translation>
    </message>
    <message>
        <source>Roster member {id} is deactivated; reference version {version}</source>
        <translation>名册人员 {id} 已停用；参考数据版本 {version}</translation>
    </message>
    <message>
        <source>{township}: {population} registered residents; reference version {version}</source>
        <translation>{township}：户籍人口 {population} 人；参考数据版本 {version}</translation>
    </message>
    <message>
        <source>townships&apos; economic-hardship standard (a multiple of the minimum living standard)</source>
        <translation>各乡镇的经济困难标准（最低生活保障标准的倍数）</translation>
    </message>
    <message>
        <source>set a township&apos;s standard; stations measure intake against it</source>
        <translation>设置一个乡镇的经济困难标准；工作站受理时据此核对</translation>
    </message>
    <message>
        <source>every township&apos;s hardship standard</source>
        <translation>各乡镇的经济困难标准</translation>
    </message>
    <message>
        <source>the township&apos;s minimum living standard, yuan per person per month</source>
        <translation>该乡镇的最低生活保障标准（低保标准），元/人·月</translation>
    </message>
    <message>
        <source>the standard as a multiple of it, e.g. 1.5</source>
        <translation>经济困难标准为低保标准的倍数，例如 1.5</translation>
    </message>
    <message>
        <source>{township}: hardship standard {monthly} yuan per person per month ({minimum} x {multiple}); reference version {version}</source>
        <translation>{township}：经济困难标准 每人每月 {monthly} 元（{minimum} × {multiple}）；参考数据版本 {version}</translation>
    </message>
    <message>
        <source>Note: no station is registered for township {township} yet (check the spelling: stations find their township by this exact name).</source>
        <translation>注意：尚无工作站登记在乡镇“{township}”（请核对写法：工作站按完全相同的名称对应乡镇）。</translation>
    </message>
    <message>
        <source>{command}: there is no station in {path}. Create one with: python -m desktop account create-station --head NAME --data-dir DIR</source>
        <translation>{command}：{path} 中没有工作站。请先创建：python -m desktop account create-station --head 姓名 --data-dir 文件夹</translation>
    </message>
    <message>
        <source>{command}: the station in {path} is from an earlier version. Start the program once (it makes the station head&apos;s account and encrypts the data), then create the machine credential.</source>
        <translation>{command}：{path} 中的工作站来自旧版本。请先启动一次程序（创建站长账户并加密数据），再创建机器凭据。</translation>
    </message>
    <message>
        <source>{command}: refused</source>
        <translation>{command}：已拒绝</translation>
    </message>
    <message>
        <source>account: there is already a station in {path} (keyring.json).</source>
        <translation>account：{path} 中已有工作站（keyring.json）。</translation>
    </message>
    <message>
        <source>Password of {name}: </source>
        <translation>{name} 的密码：</translation>
    </message>
    <message>
        <source>Station created; station head: {name}.</source>
        <translation>已创建工作站，站长：{name}。</translation>
    </message>
    <message>
        <source>Recovery key (shown only this once: write it down or print it, and keep it locked away, apart from the laptop):</source>
        <translation>恢复密钥（只显示这一次：请抄写或打印，锁好保管，不要与电脑放在一起）：</translation>
    </message>
    <message>
        <source>Machine credential written to {path}. Only the account the scheduled tasks run as may read it.</source>
        <translation>机器凭据已写入 {path}。只应允许运行计划任务的账户读取。</translation>
    </message>
    <message>
        <source>Machine credential removed: {path} no longer opens the station.</source>
        <translation>机器凭据已作废：{path} 不能再打开工作站。</translation>
    </message>
    <message>
        <source>read and verify the audit trail: who saw, changed, printed, exported or restored which record</source>
        <translation>查看和核验审计日志：谁查看、修改、打印、导出或恢复了哪条记录</translation>
    </message>
    <message>
        <source>verify the audit trail&apos;s hash chain (exit 1: it was changed)</source>
        <translation>核验审计日志的哈希链（退出码 1：日志被改动过）</translation>
    </message>
    <message>
        <source>the newest entries</source>
        <translation>最新的日志记录</translation>
    </message>
    <message>
        <source>how many entries (default 50)</source>
        <translation>显示多少条（默认 50）</translation>
    </message>
    <message>
        <source>only the entries of this record (its id)</source>
        <translation>只列出这条记录（按记录编号）的日志</translation>
    </message>
    <message>
        <source>The audit trail is intact: {entries} entries, the last {seq} ({hash}).</source>
        <translation>审计日志完好：共 {entries} 条，最后一条为第 {seq} 条（{hash}）。</translation>
    </message>
    <message>
        <source>The audit trail is NOT intact: {reason}</source>
        <translation>审计日志不完整：{reason}</translation>
    </message>
    <message>
        <source>Cannot open the station: {problem}</source>
        <translation>无法打开工作站数据：{problem}</translation>
    </message>
    <message>
        <source>{seq}  {at}  {account}  {action}  {record_type} {record_id}</source>
        <translation>第 {seq} 条  {at}  {account}  {action}  {record_type} {record_id}</translation>
    </message>
    <message>
        <source>The county&apos;s audit log is intact: {entries} entries, the last {seq} ({hash}).</source>
        <translation>县中心的审计日志完好：共 {entries} 条，最后一条为第 {seq} 条（{hash}）。</translation>
    </message>
    <message>
        <source>The county&apos;s audit log is NOT intact: {reason}</source>
        <translation>县中心的审计日志不完整：{reason}</translation>
    </message>
    <message>
        <source>Station {station}: its audit log led through entry {seq} at its sync of {at}.</source>
        <translation>工作站 {station}：{at} 同步时，其审计日志完好地延续到第 {seq} 条。</translation>
    </message>
    <message>
        <source>Station {station}: {problem}</source>
        <translation>工作站 {station}：{problem}</translation>
    </message>
    <message>
        <source>read and verify the audit trails: the county&apos;s own and the stations&apos; heads</source>
        <translation>查看和核验审计日志：县中心自己的日志，以及各工作站日志的最新位置</translation>
    </message>
    <message>
        <source>verify the county&apos;s audit log and show each station&apos;s (exit 1: a problem)</source>
        <translation>核验县中心的审计日志并显示各工作站的情况（退出码 1：发现问题）</translation>
    </message>
    <message>
        <source>the newest entries of the county&apos;s audit log</source>
        <translation>县中心审计日志最新的记录</translation>
    </message>
    <message>
        <source>the county&apos;s material files and issued documents</source>
        <translation>县中心保存的材料文件和已出具文书</translation>
    </message>
    <message>
        <source>check that every material file and issued document opens with the county&apos;s data key and matches its hash</source>
        <translation>核查每个材料文件和已出具文书都能用县中心的数据密钥打开，且与其校验值相符</translation>
    </message>
    <message>
        <source>All {files} material files and {documents} issued documents open with the county&apos;s data key and match their hashes.</source>
        <translation>全部 {files} 个材料文件和 {documents} 份已出具文书都能用县中心的数据密钥打开，且与校验值相符。</translation>
    </message>
    <message>
        <source>{count} of the county&apos;s files have a problem: put them back from a backup of the data folder (the same data key opens it), or ask the station to send the material again.</source>
        <translation>县中心有 {count} 个文件有问题：请从数据文件夹的备份中恢复（用同一个数据密钥即可打开），或请工作站重新上传该材料。</translation>
    </message>
    <message>
        <source>The {kind} with hash {sha256}: {problem}</source>
        <translation>校验值为 {sha256} 的{kind}：{problem}</translation>
    </message>
    <message>
        <source>Material file</source>
        <translation>材料文件</translation>
    </message>
    <message>
        <source>Issued document</source>
        <translation>已出具文书</translation>
    </message>
    <message>
        <source>missing from the data folder</source>
        <translation>数据文件夹中没有该文件</translation>
    </message>
    <message>
        <source>does not open with the county&apos;s data key (altered, damaged, or sealed with another county&apos;s key)</source>
        <translation>无法用县中心的数据密钥打开（已被改动、已损坏，或是用别的县中心的密钥加密的）</translation>
    </message>
    <message>
        <source>its content does not match its hash</source>
        <translation>内容与校验值不符</translation>
    </message>
    <message>
        <source>Records of the kind &quot;{record_type}&quot; cannot be read from the station&apos;s data yet; print a blank form.</source>
        <translation>“{record_type}”类的记录还不能从工作站数据中读取，请打印空白表格。</translation>
    </message>
    <message>
        <source>There is no record numbered {number}.</source>
        <translation>找不到编号为 {number} 的记录。</translation>
    </message>
    <message>
        <source>Cannot read the root certificate file {path}: {problem}</source>
        <translation>无法读取根证书文件 {path}：{problem}</translation>
    </message>
    <message>
        <source>Cannot read {path}: {problem}</source>
        <translation>无法读取 {path}：{problem}</translation>
    </message>
    <message>
        <source>There is no station data in {path}.</source>
        <translation>{path} 中没有工作站数据。</translation>
    </message>
    <message>
        <source>The station&apos;s certificates cannot be read: {problem}</source>
        <translation>无法读取工作站的证书：{problem}</translation>
    </message>
    <message>
        <source>This station is not enrolled at the county yet, so it has no county root certificate to check against; give the root certificate file with --root.</source>
        <translation>本工作站尚未在县中心注册，没有可用于核对的县中心根证书；请用 --root 指定根证书文件。</translation>
    </message>
    <message>
        <source>Give the station&apos;s data folder with --data-dir.</source>
        <translation>请用 --data-dir 指定工作站数据文件夹。</translation>
    </message>
    <message>
        <source>Cannot print: {reason}</source>
        <translation>不能打印：{reason}</translation>
    </message>
    <message>
        <source>Stopped: {problem}</source>
        <translation>出错，已停止：{problem}</translation>
    </message>
    <message>
        <source>There is no form {form}; the forms are: {known}</source>
        <translation>没有编号为 {form} 的表格；已有：{known}</translation>
    </message>
</context>
<context>
    <name>CaseActions</name>
    <message>
        <source>Case work</source>
        <translation>案件办理</translation>
    </message>
    <message>
        <source>Record a closure report, follow-up visit, court attendance or quality evaluation of this case</source>
        <translation>登记本案的结案报告、回访、旁听庭审或质量评查</translation>
    </message>
    <message>
        <source>Closure report...</source>
        <translation>结案报告…</translation>
    </message>
    <message>
        <source>Follow-up visit...</source>
        <translation>回访…</translation>
    </message>
    <message>
        <source>Court attendance...</source>
        <translation>旁听庭审…</translation>
    </message>
    <message>
        <source>Quality evaluation...</source>
        <translation>质量评查…</translation>
    </message>
    <message>
        <source>Save the application first; a void one takes no records.</source>
        <translation>请先保存申请；已作废的申请不能添加记录。</translation>
    </message>
</context>
<context>
    <name>CaseworkListModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Litigation case</source>
        <translation>诉讼案件</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>CaseworkTabs</name>
    <message>
        <source>Closure reports</source>
        <translation>结案报告</translation>
    </message>
    <message>
        <source>Follow-up visits</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Court attendance</source>
        <translation>旁听庭审</translation>
    </message>
    <message>
        <source>Quality evaluation</source>
        <translation>质量评查</translation>
    </message>
    <message>
        <source>Consultations waiting for a follow-up</source>
        <translation>待回访的咨询</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>Consultations waiting for a follow-up visit: %1 (Enter starts the visit)</source>
        <translation>需要回访的咨询：%1 条（按回车开始回访）</translation>
    </message>
</context>
<context>
    <name>ChooseFormDialog</name>
    <message>
        <source>Print several records</source>
        <translation>批量打印</translation>
    </message>
    <message numerus="yes">
        <source>Print one form for each of the %n selected record(s):</source>
        <translation>
            <numerusform>为选中的 %n 条记录各打印一份表格：</numerusform>
        </translation>
    </message>
    <message>
        <source>Forms</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>Print...</source>
        <translation>打印…</translation>
    </message>
</context>
<context>
    <name>ClosureForm</name>
    <message>
        <source>New closure report</source>
        <translation>新建结案报告</translation>
    </message>
    <message>
        <source>Closure report</source>
        <translation>结案报告</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>Handling and result</source>
        <translation>承办情况和结果</translation>
    </message>
</context>
<context>
    <name>ComplaintForm</name>
    <message>
        <source>New complaint</source>
        <translation>新建投诉登记</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉登记</translation>
    </message>
    <message>
        <source>Given when saved</source>
        <translation>保存时自动编号</translation>
    </message>
    <message>
        <source>Handling by the county legal-aid center (recorded by the center; read-only)</source>
        <translation>县法律援助中心的处理（由县中心记录，只读）</translation>
    </message>
    <message>
        <source>%1 %2 answered:</source>
        <translation>%1 %2 答复：</translation>
    </message>
    <message>
        <source>%1 %2:</source>
        <translation>%1 %2：</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Answered on %1, by %2; the complainant&apos;s satisfaction: %3</source>
        <translation>答复日期 %1，答复方式：%2；投诉人满意程度：%3</translation>
    </message>
    <message>
        <source>Complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <source>Against whom, and why</source>
        <translation>被投诉对象和投诉事项</translation>
    </message>
    <message>
        <source>Handling and answer</source>
        <translation>处理和答复</translation>
    </message>
</context>
<context>
    <name>ComplaintListModel</name>
    <message>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>Answered by the county center</source>
        <translation>县法律援助中心已答复</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>已答复</translation>
    </message>
</context>
<context>
    <name>ComplaintsPage</name>
    <message>
        <source>All complaints</source>
        <translation>全部投诉</translation>
    </message>
    <message>
        <source>Not answered yet</source>
        <translation>尚未答复</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>已答复</translation>
    </message>
    <message>
        <source>All stations</source>
        <translation>全部工作站</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>投诉编号</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>投诉时间</translation>
    </message>
    <message>
        <source>Complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <source>Against</source>
        <translation>投诉对象</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复期限</translation>
    </message>
    <message>
        <source>Center&apos;s steps</source>
        <translation>县中心处理</translation>
    </message>
    <message>
        <source>Matter</source>
        <translation>投诉事项</translation>
    </message>
    <message>
        <source>A handling step</source>
        <translation>处理步骤</translation>
    </message>
    <message>
        <source>The answer to the complainant</source>
        <translation>答复投诉人</translation>
    </message>
    <message>
        <source>Not known yet</source>
        <translation>尚不清楚</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Record:</source>
        <translation>记录：</translation>
    </message>
    <message>
        <source>What was done:</source>
        <translation>处理情况：</translation>
    </message>
    <message>
        <source>Answered on:</source>
        <translation>答复日期：</translation>
    </message>
    <message>
        <source>Answered by:</source>
        <translation>答复方式：</translation>
    </message>
    <message>
        <source>Complainant&apos;s satisfaction:</source>
        <translation>投诉人满意度：</translation>
    </message>
    <message>
        <source>the center</source>
        <translation>县中心</translation>
    </message>
    <message>
        <source>the station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Answered %1 (%2)</source>
        <translation>已答复 %1（%2）</translation>
    </message>
    <message>
        <source>%1 complaints</source>
        <translation>共 %1 件投诉</translation>
    </message>
    <message>
        <source>Loading...</source>
        <translation>正在读取……</translation>
    </message>
    <message>
        <source>Choose a complaint to see it and record the center&apos;s handling.</source>
        <translation>选择一件投诉，查看内容并记录县中心的处理。</translation>
    </message>
    <message>
        <source>Complainant: %1 %2</source>
        <translation>投诉人：%1 %2</translation>
    </message>
    <message>
        <source>Against: %1 %2</source>
        <translation>投诉对象：%1 %2</translation>
    </message>
    <message>
        <source>Matter: %1</source>
        <translation>投诉事项：%1</translation>
    </message>
    <message>
        <source>The station&apos;s handling: %1</source>
        <translation>工作站的处理：%1</translation>
    </message>
    <message>
        <source>answered (%1)</source>
        <translation>答复（%1）</translation>
    </message>
    <message>
        <source>The center has recorded no handling yet.</source>
        <translation>县中心尚未记录处理情况。</translation>
    </message>
    <message>
        <source>Write at most %1 characters (now %2).</source>
        <translation>最多填写 %1 字（现为 %2 字）。</translation>
    </message>
    <message>
        <source>Recorded.</source>
        <translation>已记录。</translation>
    </message>
</context>
<context>
    <name>ConnectPage</name>
    <message>
        <source>Connect this computer to the county legal-aid center&apos;s server</source>
        <translation>将本机连接到县法律援助中心服务器</translation>
    </message>
    <message>
        <source>Enter the server address and the county certificate fingerprint given by the county&apos;s administrator (as on a station&apos;s enrollment sheet). This is asked once.</source>
        <translation>请填写县中心管理员提供的服务器地址和县中心证书指纹（与工作站注册单上的相同）。只需填写一次。</translation>
    </message>
    <message>
        <source>Read from picture...</source>
        <translation>从图片读取…</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>County certificate fingerprint</source>
        <translation>县中心证书指纹</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Enter the server address and the county certificate fingerprint.</source>
        <translation>请填写服务器地址和县中心证书指纹。</translation>
    </message>
    <message>
        <source>Checking the county&apos;s certificate...</source>
        <translation>正在核对县中心证书……</translation>
    </message>
    <message>
        <source>Connected: the county certificate matches.</source>
        <translation>已连接：县中心证书核对一致。</translation>
    </message>
    <message>
        <source>The server&apos;s county certificate does not match this fingerprint: it is not the county&apos;s server, or the connection is being intercepted. Nothing was sent. Check the address and the fingerprint with the county&apos;s administrator.</source>
        <translation>服务器的县中心证书与该指纹不符：这不是县中心的服务器，或连接可能遭到拦截。未发送任何信息。请与县中心管理员核对地址和指纹。</translation>
    </message>
    <message>
        <source>The county&apos;s server could not be checked: %1</source>
        <translation>无法核对县中心服务器：%1</translation>
    </message>
    <message>
        <source>Pictures (*.jpg *.jpeg *.png *.bmp *.tif *.tiff)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.bmp *.tif *.tiff)</translation>
    </message>
    <message>
        <source>Photo of the enrollment sheet</source>
        <translation>注册单照片</translation>
    </message>
</context>
<context>
    <name>ConsultationForm</name>
    <message>
        <source>Turn into an application</source>
        <translation>转为法律援助申请</translation>
    </message>
    <message>
        <source>Start a legal-aid application with this person and matter</source>
        <translation>以本次咨询的当事人和事项新建法律援助申请</translation>
    </message>
    <message>
        <source>Consultation</source>
        <translation>咨询登记</translation>
    </message>
    <message>
        <source>Person consulting</source>
        <translation>咨询人</translation>
    </message>
    <message>
        <source>Matter</source>
        <translation>咨询事项</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>This consultation already became an application</source>
        <translation>本次咨询已转为法律援助申请</translation>
    </message>
    <message>
        <source>Became application %1</source>
        <translation>已转为法律援助申请 %1</translation>
    </message>
    <message>
        <source>(not on this station)</source>
        <translation>（不在本工作站）</translation>
    </message>
    <message>
        <source>New consultation</source>
        <translation>新建咨询登记</translation>
    </message>
</context>
<context>
    <name>ConsultationsPage</name>
    <message>
        <source>Name, phone or words of the question (Ctrl+F)</source>
        <translation>姓名、电话或问题中的字词（Ctrl+F）</translation>
    </message>
    <message>
        <source>All stations</source>
        <translation>全部工作站</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Matter</source>
        <translation>事项类别</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>咨询问题</translation>
    </message>
    <message>
        <source>%1 consultations</source>
        <translation>共 %1 条咨询</translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <source>Decide (Art. 43)</source>
        <translation>审查决定（第四十三条）</translation>
    </message>
    <message>
        <source>Materials due</source>
        <translation>补充材料期限</translation>
    </message>
    <message>
        <source>Assign (Art. 43)</source>
        <translation>指派（第四十三条）</translation>
    </message>
    <message>
        <source>Urgent (Art. 44)</source>
        <translation>紧急（第四十四条）</translation>
    </message>
    <message>
        <source>%1 days overdue</source>
        <translation>已逾期 %1 天</translation>
    </message>
    <message>
        <source>due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <source>%1 days left</source>
        <translation>还剩 %1 天</translation>
    </message>
    <message>
        <source>Counts as withdrawn (materials not supplied) · %1</source>
        <translation>视为撤回（逾期未补充材料） · 材料截止 %1</translation>
    </message>
    <message>
        <source>%1, by %2</source>
        <translation>%1，截止 %2</translation>
    </message>
</context>
<context>
    <name>County</name>
    <message>
        <source>The county center&apos;s admin token is required.</source>
        <translation>需要县中心管理令牌。</translation>
    </message>
    <message>
        <source>The status is one of: {statuses}</source>
        <translation>状态须为：{statuses}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>The county has no application {number}.</source>
        <translation>县中心没有申请 {number}。</translation>
    </message>
    <message>
        <source>The county does not hold this material file yet.</source>
        <translation>县中心还没有这个材料文件。</translation>
    </message>
    <message>
        <source>The change is incomplete; the county refused it.</source>
        <translation>变更数据不完整，县中心拒收。</translation>
    </message>
    <message>
        <source>The data was damaged on the way (its hash does not match); the county refused it. The next sync sends it again.</source>
        <translation>数据在传输中损坏（校验值不符），县中心拒收。下次同步会重发。</translation>
    </message>
    <message>
        <source>The county already has a change with this number but other content and will not overwrite it. Contact the county to check.</source>
        <translation>县中心已收到同一变更编号但内容不同的数据，拒绝覆盖。请联系县中心核对。</translation>
    </message>
    <message>
        <source>The county already has other content for version {version} of this record. This computer may have been restored from an older backup; the changes lost by the restore are still at the county. Check with the county, then open the record, correct it and save.</source>
        <translation>县中心已有这条记录第 {version} 版的另一份内容。本机可能从较早的备份恢复过，恢复后丢失的修改仍在县中心。请与县中心核对后，再打开记录修改保存。</translation>
    </message>
    <message>
        <source>At the county this record belongs to another station; it was refused. Contact the county.</source>
        <translation>县中心的这条记录属于另一个工作站，拒收。请联系县中心。</translation>
    </message>
    <message>
        <source>Application number {number} already belongs to another application of this station at the county (this computer may have been restored from an older backup). Void this one and record it again: it gets a new number.</source>
        <translation>申请编号 {number} 在县中心已属于本站的另一份申请（本机可能从较早的备份恢复过）。请将本条作废后重新登记，系统会给出新的编号。</translation>
    </message>
    <message>
        <source>Application number {number} is already used by another record at the county; it was refused. Contact the county to check the station code.</source>
        <translation>申请编号 {number} 在县中心已被另一条记录使用，拒收。请联系县中心核对工作站代码。</translation>
    </message>
    <message>
        <source>The county&apos;s database refused this record; contact the county.</source>
        <translation>县中心的数据库拒收了该记录，请联系县中心。</translation>
    </message>
    <message>
        <source>The record names a case of another station; the county refused it.</source>
        <translation>该记录关联的是其他工作站的案件，县中心已拒收。</translation>
    </message>
    <message>
        <source>Number {number} does not start with this station&apos;s code {station}; the county refused it.</source>
        <translation>编号 {number} 不以本工作站代码 {station} 开头，县中心拒收。</translation>
    </message>
    <message>
        <source>The record names a consultation of another station; the county refused it.</source>
        <translation>该记录关联的是其他工作站的咨询，县中心已拒收。</translation>
    </message>
    <message>
        <source>The change cannot be read or is incomplete; the county refused it.</source>
        <translation>变更数据无法读取或不完整，县中心拒收。</translation>
    </message>
    <message>
        <source>The county&apos;s program does not know this kind of data (this computer&apos;s program may be newer); ask the county to upgrade.</source>
        <translation>县中心的程序不认识这种数据（可能本机程序比县中心新），请联系县中心升级。</translation>
    </message>
    <message>
        <source>This change was recorded by station {recorded}, not by this station {station}; the county refused it.</source>
        <translation>这条变更是工作站 {recorded} 记录的，不是本站 {station}，县中心拒收。</translation>
    </message>
    <message>
        <source>Application number {number} does not start with this station&apos;s code {station}; the county refused it.</source>
        <translation>申请编号 {number} 不以本工作站代码 {station} 开头，县中心拒收。</translation>
    </message>
    <message>
        <source>The change is larger or more deeply nested than the county accepts; it was refused.</source>
        <translation>这条变更超出县中心接受的大小或层级，已被拒收。</translation>
    </message>
    <message>
        <source>The application has no number; the county refused it.</source>
        <translation>申请没有编号，县中心拒收。</translation>
    </message>
    <message>
        <source>The county&apos;s check failed: {problems}</source>
        <translation>县中心审核未通过：{problems}</translation>
    </message>
    <message>
        <source>: </source>
        <translation>：</translation>
    </message>
    <message>
        <source>received</source>
        <translation>已收到</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <source>waiting for supplementary materials</source>
        <translation>待补充材料</translation>
    </message>
    <message>
        <source>legal aid granted</source>
        <translation>已决定给予法律援助</translation>
    </message>
    <message>
        <source>legal aid refused</source>
        <translation>已决定不予法律援助</translation>
    </message>
    <message>
        <source>assigned</source>
        <translation>已指派</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>legal aid terminated</source>
        <translation>已终止法律援助</translation>
    </message>
    <message>
        <source>accept it</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>ask for supplementary materials</source>
        <translation>要求补充材料</translation>
    </message>
    <message>
        <source>grant legal aid</source>
        <translation>给予法律援助</translation>
    </message>
    <message>
        <source>refuse legal aid</source>
        <translation>不予法律援助</translation>
    </message>
    <message>
        <source>assign it</source>
        <translation>指派</translation>
    </message>
    <message>
        <source>record progress</source>
        <translation>记录办理进展</translation>
    </message>
    <message>
        <source>close it</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>terminate legal aid</source>
        <translation>终止法律援助</translation>
    </message>
    <message>
        <source>record an objection</source>
        <translation>登记异议</translation>
    </message>
    <message>
        <source>Accept the application before deciding to grant or refuse legal aid.</source>
        <translation>请先受理申请，再决定给予或不予法律援助。</translation>
    </message>
    <message>
        <source>The decision&apos;s field &quot;{field}&quot; is not valid: {problem}</source>
        <translation>决定的字段“{field}”无效：{problem}</translation>
    </message>
    <message>
        <source>The date &quot;{field}&quot; must be from {earliest} to {latest}.</source>
        <translation>“{field}”须在 {earliest} 至 {latest} 之间。</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>需补充材料</translation>
    </message>
    <message>
        <source>Supply by</source>
        <translation>补充期限</translation>
    </message>
    <message>
        <source>Days to supply them</source>
        <translation>补充期限（天数）</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Assigned lawyer (roster id)</source>
        <translation>指派的律师（名册编号）</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>承办人员</translation>
    </message>
    <message>
        <source>Firm or unit</source>
        <translation>执业机构或单位</translation>
    </message>
    <message>
        <source>Years of practice</source>
        <translation>执业年限</translation>
    </message>
    <message>
        <source>Court or organ handling the case</source>
        <translation>办案机关</translation>
    </message>
    <message>
        <source>Address of the organ handling the case</source>
        <translation>办案机关地址</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结案方式</translation>
    </message>
    <message>
        <source>Ground for terminating</source>
        <translation>终止的法定情形</translation>
    </message>
    <message>
        <source>The justice bureau&apos;s answer</source>
        <translation>司法行政部门的答复</translation>
    </message>
    <message>
        <source>Answered on</source>
        <translation>答复日期</translation>
    </message>
    <message>
        <source>The justice bureau&apos;s conclusion</source>
        <translation>司法行政部门的结论</translation>
    </message>
    <message>
        <source>The decision is not given as its fields, each with its name.</source>
        <translation>决定的内容未按字段逐项给出。</translation>
    </message>
    <message>
        <source>The decision has a field &quot;{name}&quot; that this kind of decision does not take.</source>
        <translation>决定中有此类决定没有的字段“{name}”。</translation>
    </message>
    <message>
        <source>it must be text</source>
        <translation>应为文字</translation>
    </message>
    <message>
        <source>it must be a whole number</source>
        <translation>应为整数</translation>
    </message>
    <message>
        <source>it must be a list</source>
        <translation>应为逐项列出的清单</translation>
    </message>
    <message>
        <source>it must be a number of days from 0 to {most}</source>
        <translation>应为 0 到 {most} 之间的天数</translation>
    </message>
    <message>
        <source>it must be text, not empty, of at most {most} characters</source>
        <translation>应为不超过 {most} 个字的文字，不能为空</translation>
    </message>
    <message>
        <source>it must list 1 to {entries} entries, each a text of at most {most} characters</source>
        <translation>应列出 1 到 {entries} 项，每项为不超过 {most} 个字的文字</translation>
    </message>
    <message>
        <source>it must be a date written as YYYY-MM-DD, e.g. 2026-03-31</source>
        <translation>应为日期，写作 YYYY-MM-DD，如 2026-03-31</translation>
    </message>
    <message>
        <source>An assignment names a member of the county&apos;s roster (its id, e.g. L001); the name, years of practice and minors&apos; experience come from the roster.</source>
        <translation>指派须指定县中心名册中的人员（其编号，如 L001）；姓名、执业年限和是否熟悉未成年人案件均取自名册。</translation>
    </message>
    <message>
        <source>Decide to grant legal aid before assigning the application.</source>
        <translation>须先决定给予法律援助，再指派。</translation>
    </message>
    <message>
        <source>The application&apos;s status is &quot;{status}&quot;; you can no longer {decision}.</source>
        <translation>申请当前状态为“{status}”，不能再{decision}。</translation>
    </message>
    <message>
        <source>Closing a case needs its result.</source>
        <translation>结案须写明办理结果。</translation>
    </message>
    <message>
        <source>A request for supplementary materials lists every missing material at once (at least one).</source>
        <translation>补充材料须一次性列明全部所缺材料（至少一项）。</translation>
    </message>
    <message>
        <source>A refusal of legal aid needs its reasons.</source>
        <translation>不予法律援助须写明理由。</translation>
    </message>
    <message>
        <source>Progress needs a note.</source>
        <translation>办理进展须填写说明。</translation>
    </message>
    <message>
        <source>The justice bureau&apos;s answer either upholds the decision or orders the center to correct it (Legal Aid Law Art. 49).</source>
        <translation>司法行政部门的答复应当维持原决定或者责令法律援助中心改正（《法律援助法》第四十九条）。</translation>
    </message>
    <message>
        <source>The assignee is a lawyer, a law firm or a legal-aid center staff member.</source>
        <translation>承办人类别须为律师、律师事务所或法律援助中心工作人员。</translation>
    </message>
    <message>
        <source>Name the lawyer, law firm or staff member assigned.</source>
        <translation>请写明承办律师、律师事务所或工作人员的姓名（名称）。</translation>
    </message>
    <message>
        <source>Give the years of practice (a whole number).</source>
        <translation>请填写执业年限（整数）。</translation>
    </message>
    <message>
        <source>Legal Aid Law Art. 26: a case that may bring life imprisonment or the death penalty is assigned to a lawyer with at least {years} years of relevant practice as defence counsel.</source>
        <translation>《法律援助法》第二十六条：可能被判处无期徒刑、死刑的案件，应当指派具有{years}年以上相关执业经历的律师担任辩护人。</translation>
    </message>
    <message>
        <source>A minors&apos; case is assigned to a lawyer familiar with minors&apos; physical and mental characteristics.</source>
        <translation>未成年人案件应当指派熟悉未成年人身心特点的律师承办。</translation>
    </message>
    <message>
        <source>Terminating legal aid needs its reasons (Legal Aid Law Art. 48).</source>
        <translation>终止法律援助须写明理由（《法律援助法》第四十八条）。</translation>
    </message>
    <message>
        <source>An objection is recorded with the justice bureau&apos;s answer (Legal Aid Law Art. 49).</source>
        <translation>登记异议须填写司法行政部门的审查结果（《法律援助法》第四十九条）。</translation>
    </message>
    <message>
        <source>{who} already recorded &quot;{decision}&quot; on this application at {at}; nothing was changed. Look at the application again before you decide.</source>
        <translation>{who}已于 {at} 对该申请作出“{decision}”，本次操作未作任何更改。请重新查看该申请后再作决定。</translation>
    </message>
    <message>
        <source>Unknown kind of decision: {kind}</source>
        <translation>未知的决定类型：{kind}</translation>
    </message>
    <message>
        <source>Application {number} has not reached the county yet.</source>
        <translation>申请 {number} 尚未同步到县中心。</translation>
    </message>
    <message>
        <source>Application {number} was voided by the station.</source>
        <translation>申请 {number} 已被工作站作废。</translation>
    </message>
    <message>
        <source>Application {number} is closed.</source>
        <translation>申请 {number} 已结案。</translation>
    </message>
    <message>
        <source>Refused: {reason}</source>
        <translation>拒绝：{reason}</translation>
    </message>
    <message>
        <source>The text holds characters that cannot be shown or printed (control characters, such as NUL); nothing was changed. Type it again.</source>
        <translation>文字中含有无法显示或打印的字符（控制字符，如 NUL），未作任何更改。请重新输入。</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>The county server could not do this. Its log gives the reason to the county&apos;s administrator.</source>
        <translation>县中心服务器未能完成这项操作，原因记录在服务器日志中，请告知县中心的管理员。</translation>
    </message>
    <message>
        <source>The material has no manifest; the county refused it.</source>
        <translation>材料没有清单，县中心拒收。</translation>
    </message>
    <message>
        <source>The material&apos;s manifest does not match the material&apos;s number; the county refused it.</source>
        <translation>材料清单与材料编号不符，县中心拒收。</translation>
    </message>
    <message>
        <source>The material was captured at station {station}, not this one; the county refused it.</source>
        <translation>材料是工作站 {station} 采集的，不是本站，县中心拒收。</translation>
    </message>
    <message>
        <source>The material is larger than any station may attach ({limit} MB); the county refused it.</source>
        <translation>该材料超过工作站可添加的最大大小（{limit} MB），县中心拒收。</translation>
    </message>
    <message>
        <source>This station&apos;s unfinished uploads fill the space the county keeps for them; the upload was refused.</source>
        <translation>本工作站未传完的材料已占满县中心为其保留的空间，上传被拒绝。</translation>
    </message>
    <message>
        <source>The material is attached to a record of another station; the county refused it.</source>
        <translation>该材料挂在另一工作站的记录上，县中心拒收。</translation>
    </message>
    <message>
        <source>The material&apos;s manifest has no valid hash or size; the county refused it.</source>
        <translation>材料清单缺少有效的校验值或大小，县中心拒收。</translation>
    </message>
    <message>
        <source>The material is not signed by the station; the county refused it.</source>
        <translation>材料没有工作站签名，县中心拒收。</translation>
    </message>
    <message>
        <source>The material is signed with a key the county did not enroll for this station; the county refused it.</source>
        <translation>材料的签名密钥不是县中心为本站注册的密钥，县中心拒收。</translation>
    </message>
    <message>
        <source>The county&apos;s copy of this material does not open (it was altered or damaged); the center puts it back from a backup of its data folder.</source>
        <translation>县中心保存的这份材料无法打开（已被改动或已损坏）；县中心须从数据文件夹的备份中恢复。</translation>
    </message>
    <message>
        <source>The material&apos;s station signature does not verify (it was changed after signing); the county refused it.</source>
        <translation>材料的工作站签名核验不通过（签名后被改动），县中心拒收。</translation>
    </message>
    <message>
        <source>The roster has no member numbered {id}.</source>
        <translation>名册中没有编号为 {id} 的人员。</translation>
    </message>
    <message>
        <source>Roster member {id} is inactive already.</source>
        <translation>名册成员 {id} 已停用。</translation>
    </message>
    <message>
        <source>Roster number {id} already belongs to {name}; nothing was changed. To change that member, choose them in the list and press Edit.</source>
        <translation>编号 {id} 已属于 {name}，未作任何更改。如要修改该人员，请在列表中选中后点“修改…”。</translation>
    </message>
    <message>
        <source>{name} ({id}) is inactive on the roster and cannot be assigned.</source>
        <translation>名册中的 {name}（{id}）已停用，不能指派。</translation>
    </message>
    <message>
        <source>The file is not UTF-8: in Excel choose Save As &gt; CSV UTF-8.</source>
        <translation>文件不是 UTF-8 编码：请在 Excel 中选择“另存为 &gt; CSV UTF-8”。</translation>
    </message>
    <message>
        <source>A cell beginning on this line runs on for more than {most} characters: a quotation mark (&quot;) on it is probably not closed, so the lines after it were read into that cell. Close or remove it and save the file again.</source>
        <translation>从这一行开始的一个单元格超过 {most} 个字符：这一行上很可能有一个引号（&quot;）没有配对，后面各行都被读进了这个单元格。请补上或删去这个引号，再保存文件。</translation>
    </message>
    <message>
        <source>This line cannot be read as CSV: check that its quotation marks (&quot;) come in pairs.</source>
        <translation>这一行无法按 CSV 格式读取：请检查其中的引号（&quot;）是否成对。</translation>
    </message>
    <message>
        <source>The file did not arrive whole (its encoding for sending is damaged); nothing was imported. Import it again.</source>
        <translation>文件没有完整传到（传送用的编码已损坏），没有导入任何内容。请重新导入。</translation>
    </message>
    <message>
        <source>The header row must be: {header}</source>
        <translation>标题行必须是：{header}</translation>
    </message>
    <message>
        <source>{count} columns; a roster row has {expected}.</source>
        <translation>本行有 {count} 列，名册每行应为 {expected} 列。</translation>
    </message>
    <message>
        <source>编号 &quot;{value}&quot; must be 1 to 32 letters, digits, - or _.</source>
        <translation>编号“{value}”应为 1 至 32 位字母、数字、- 或 _。</translation>
    </message>
    <message>
        <source>姓名 is empty.</source>
        <translation>姓名为空。</translation>
    </message>
    <message>
        <source>类别 &quot;{value}&quot; must be one of {kinds}.</source>
        <translation>类别“{value}”应为 {kinds} 之一。</translation>
    </message>
    <message>
        <source>执业年限 &quot;{value}&quot; must be a whole number of years from 0 to {most}.</source>
        <translation>执业年限“{value}”应为 0 至 {most} 之间的整数。</translation>
    </message>
    <message>
        <source>熟悉未成年人案件 &quot;{value}&quot; must be 是 or 否.</source>
        <translation>熟悉未成年人案件“{value}”应填“是”或“否”。</translation>
    </message>
    <message>
        <source>电话 &quot;{value}&quot; is not a phone number (if Excel shows 1.38E+10, format the column as text and save again).</source>
        <translation>电话“{value}”不是电话号码（如 Excel 显示为 1.38E+10，请将该列设为文本格式后重新保存）。</translation>
    </message>
    <message>
        <source>执业机构 is empty (the firm or organisation the member works for).</source>
        <translation>执业机构为空（应填该成员所在的律师事务所或单位）。</translation>
    </message>
    <message>
        <source>编号 {id} is already on line {line}.</source>
        <translation>编号 {id} 已在第 {line} 行出现。</translation>
    </message>
    <message>
        <source>The file lists no members.</source>
        <translation>文件中没有任何成员。</translation>
    </message>
    <message>
        <source>This row is refused: {problems}</source>
        <translation>本行未通过：{problems}</translation>
    </message>
    <message>
        <source>The roster file has {count} bad line(s); nothing was imported.</source>
        <translation>名册文件有 {count} 行有误，没有导入任何内容。</translation>
    </message>
    <message>
        <source>The file is larger than a roster can be ({most} KiB).</source>
        <translation>文件超过名册应有的大小（{most} KiB）。</translation>
    </message>
    <message>
        <source>{file} cannot be read: {reason}.</source>
        <translation>无法读取 {file}：{reason}。</translation>
    </message>
    <message>
        <source>There is no active station {code}.</source>
        <translation>没有正在使用的工作站 {code}。</translation>
    </message>
    <message>
        <source>The enrollment code belongs to station {enrolled}; this station is {station}. Nothing was changed at the county: check the station code in Settings, or use this station&apos;s own code.</source>
        <translation>注册码属于工作站 {enrolled}，本机是 {station}。县中心未作任何改动：请核对设置中的工作站代码，或使用本站自己的注册码。</translation>
    </message>
    <message>
        <source>The enrollment code is not valid or was used already. Ask the county for a new enrollment code.</source>
        <translation>注册码无效或已被使用。请向县中心申请新的注册码。</translation>
    </message>
    <message>
        <source>The enrollment request is damaged (its keys cannot be read).</source>
        <translation>注册申请已损坏（无法读取其中的密钥）。</translation>
    </message>
    <message>
        <source>{center} root certificate</source>
        <translation>{center}根证书</translation>
    </message>
    <message>
        <source>Legal-aid station enrollment sheet</source>
        <translation>法律援助工作站注册单</translation>
    </message>
    <message>
        <source>Enrollment sheet of station {code}</source>
        <translation>法律援助工作站注册单 {code}</translation>
    </message>
    <message>
        <source>Station code: {code}</source>
        <translation>工作站代码：{code}</translation>
    </message>
    <message>
        <source>Station name: {name}</source>
        <translation>工作站名称：{name}</translation>
    </message>
    <message>
        <source>Township: {township}</source>
        <translation>所在乡镇：{township}</translation>
    </message>
    <message>
        <source>Server address: {url}</source>
        <translation>服务器地址：{url}</translation>
    </message>
    <message>
        <source>(the county legal-aid center tells you)</source>
        <translation>（由县法律援助中心另行告知）</translation>
    </message>
    <message>
        <source>One-time enrollment code:</source>
        <translation>一次性注册码：</translation>
    </message>
    <message>
        <source>County root certificate fingerprint (SHA-256):</source>
        <translation>县中心根证书指纹（SHA-256）：</translation>
    </message>
    <message>
        <source>The QR code on the left is the fingerprint above.</source>
        <translation>左侧二维码即上面的指纹。</translation>
    </message>
    <message>
        <source>In the station&apos;s Settings, County server,</source>
        <translation>在工作站“设置 → 县服务器”中，</translation>
    </message>
    <message>
        <source>click Read from image and choose a photo</source>
        <translation>点击“从图片读取…”，选择本单的照片</translation>
    </message>
    <message>
        <source>or scan of this sheet: it fills the fingerprint in.</source>
        <translation>或扫描件，即可自动填入指纹。</translation>
    </message>
    <message>
        <source>Steps: 1. In the station&apos;s Settings, enter and save its code, name and township;</source>
        <translation>注册步骤：1. 在工作站“设置”中填写并保存本站代码、名称和乡镇；</translation>
    </message>
    <message>
        <source>2. enter the server address, the one-time code and the root fingerprint (or read it from an image); 3. click Enroll.</source>
        <translation>2. 填写服务器地址、一次性注册码和根证书指纹（或从图片读取）；3. 点击“注册”。</translation>
    </message>
    <message>
        <source>The station checks the server&apos;s root fingerprint first and sends the code only if it matches; if not, stop and tell the county.</source>
        <translation>工作站先核对服务器的根证书指纹，一致后才发送注册码；不一致时请勿继续，并告知县中心。</translation>
    </message>
    <message>
        <source>The code works once. Keep this sheet safe; after enrollment return it to the county to file or destroy.</source>
        <translation>注册码只能使用一次，请妥善保管本单；注册完成后交回县中心存档或销毁。</translation>
    </message>
    <message>
        <source>The audit log of station {station} was rewritten: at its sync of {at} it no longer leads through entry {seq} that the county saw. Find out who changed the station&apos;s data.</source>
        <translation>工作站 {station} 的审计日志被改写过：{at} 同步时，它已不能延续到县中心此前看到的第 {seq} 条。请查明是谁改动了该站的数据。</translation>
    </message>
    <message>
        <source>The audit log of station {station} is broken: at its sync of {at} its own check found an entry changed after it was written. Find out who changed the station&apos;s data.</source>
        <translation>工作站 {station} 的审计日志已损坏：{at} 同步时，该站自检发现有记录在写入后被改动。请查明是谁改动了该站的数据。</translation>
    </message>
    <message>
        <source>The county&apos;s data key {path} cannot be read ({problem}), so county.db cannot be opened. Put the key file back (from where it is kept safe), or give its place with --key-file or LEGALAID_COUNTY_KEY_FILE.</source>
        <translation>无法读取县中心的数据密钥 {path}（{problem}），因此打不开 county.db。请把密钥文件放回原处（从妥善保管的地方取回），或用 --key-file 或 LEGALAID_COUNTY_KEY_FILE 指明它的位置。</translation>
    </message>
    <message>
        <source>county.db in {folder} is encrypted, but the folder does not say where its key is (key_location.txt is missing). Give the key file with --key-file or LEGALAID_COUNTY_KEY_FILE.</source>
        <translation>{folder} 中的 county.db 已加密，但该文件夹没有记录密钥的位置（缺少 key_location.txt）。请用 --key-file 或 LEGALAID_COUNTY_KEY_FILE 指明密钥文件。</translation>
    </message>
    <message>
        <source>The key {path} does not open county.db in {folder}: it is another county&apos;s key, or the file is damaged.</source>
        <translation>密钥 {path} 打不开 {folder} 中的 county.db：这是另一个县中心的密钥，或者文件已损坏。</translation>
    </message>
    <message>
        <source>The data key must be kept outside the data folder {folder} (a copy of the folder must not carry its key): choose another place for --key-file.</source>
        <translation>数据密钥必须保存在数据文件夹 {folder} 之外（复制数据文件夹时不能连同密钥一起带走）：请为 --key-file 另选位置。</translation>
    </message>
    <message>
        <source>The county has no signed manifest of this material.</source>
        <translation>县中心没有该材料经签名的清单，无法核验。</translation>
    </message>
    <message>
        <source>Signed by the station with the key the county enrolled; unchanged.</source>
        <translation>有效：由工作站以县中心登记的密钥签名，签名后未被改动。</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>审查人员</translation>
    </message>
    <message>
        <source>Head of the center</source>
        <translation>中心负责人</translation>
    </message>
    <message>
        <source>Assignment and case management</source>
        <translation>指派/案件管理人员</translation>
    </message>
    <message>
        <source>Archivist</source>
        <translation>档案管理人员</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>系统管理员</translation>
    </message>
    <message>
        <source>Service credential (scripts)</source>
        <translation>服务凭据（脚本）</translation>
    </message>
    <message>
        <source>see the applications</source>
        <translation>查看申请</translation>
    </message>
    <message>
        <source>save reports</source>
        <translation>保存报表</translation>
    </message>
    <message>
        <source>handle complaints</source>
        <translation>处理投诉</translation>
    </message>
    <message>
        <source>edit the roster</source>
        <translation>修改法律援助人员名册</translation>
    </message>
    <message>
        <source>edit the townships</source>
        <translation>修改乡镇信息</translation>
    </message>
    <message>
        <source>manage the stations</source>
        <translation>管理工作站</translation>
    </message>
    <message>
        <source>manage the staff accounts</source>
        <translation>管理工作人员账户</translation>
    </message>
    <message>
        <source>recover a station that lost every way in</source>
        <translation>为无法登录的工作站制作恢复文件</translation>
    </message>
    <message>
        <source>Wrong account name or password.</source>
        <translation>账户名或密码错误。</translation>
    </message>
    <message>
        <source>Too many failed logins from this computer: wait a minute and try again.</source>
        <translation>本机登录失败次数过多，请等一分钟后再试。</translation>
    </message>
    <message>
        <source>Your session has ended (unused too long, or logged in too long ago): log in again.</source>
        <translation>登录已失效（长时间未操作或登录时间过长），请重新登录。</translation>
    </message>
    <message>
        <source>Your account ({roles}) may not {action}; nothing was changed.</source>
        <translation>您的账户（{roles}）无权{action}，未作任何更改。</translation>
    </message>
    <message>
        <source>An account name is 2 to 32 letters, digits, &apos;.&apos;, &apos;-&apos; or &apos;_&apos;.</source>
        <translation>账户名为 2 至 32 个字母、数字、“.”、“-”或“_”。</translation>
    </message>
    <message>
        <source>The account {name} already exists; nothing was changed. To change it, choose it in the list and press Edit.</source>
        <translation>账号 {name} 已存在，未作任何更改。如要修改，请在列表中选中该账号后点“修改…”。</translation>
    </message>
    <message>
        <source>Give the person&apos;s name (at most 30 characters).</source>
        <translation>请填写姓名（不超过 30 个字）。</translation>
    </message>
    <message>
        <source>A password has {low} to {high} characters.</source>
        <translation>密码长度为 {low} 至 {high} 个字符。</translation>
    </message>
    <message>
        <source>Give the account at least one role: {roles}.</source>
        <translation>请至少为账户选择一个角色：{roles}。</translation>
    </message>
    <message>
        <source>There is no account {name}.</source>
        <translation>没有账户 {name}。</translation>
    </message>
    <message>
        <source>This is the last active administrator account; make another one first.</source>
        <translation>这是最后一个有效的系统管理员账户，请先另建一个管理员账户。</translation>
    </message>
    <message>
        <source>The county has no such application.</source>
        <translation>县中心没有该申请。</translation>
    </message>
    <message>
        <source>The county issued no such document.</source>
        <translation>县中心未出具该文书。</translation>
    </message>
    <message>
        <source>The roster member is not valid: {problems}</source>
        <translation>名册成员信息有误：{problems}</translation>
    </message>
    <message>
        <source>the number is 1 to 32 letters, digits, &apos;-&apos; or &apos;_&apos;</source>
        <translation>编号为 1 至 32 个字母、数字、“-”或“_”</translation>
    </message>
    <message>
        <source>give the name</source>
        <translation>请填写姓名</translation>
    </message>
    <message>
        <source>give the firm or organisation the member works for</source>
        <translation>请填写执业机构（所在律师事务所或单位）</translation>
    </message>
    <message>
        <source>the phone number has 3 to 30 digits</source>
        <translation>电话号码为 3 至 30 位数字</translation>
    </message>
    <message>
        <source>Give the township&apos;s name and its registered population (at least 1).</source>
        <translation>请填写乡镇名称及其户籍人口（至少为 1）。</translation>
    </message>
    <message>
        <source>A station has a code of 2 to 12 capital letters or digits, a name and a township.</source>
        <translation>工作站须有编号（2 至 12 个大写字母或数字）、名称和所在乡镇。</translation>
    </message>
    <message>
        <source>Station {code} is enrolled already; revoke it first to enroll a new laptop.</source>
        <translation>工作站 {code} 已登记；如需为新电脑登记，请先吊销原登记。</translation>
    </message>
    <message>
        <source>The period must start on or before its last day and span at most {days} days.</source>
        <translation>统计期间的开始日期不能晚于结束日期，且最长为 {days} 天。</translation>
    </message>
    <message>
        <source>The period must lie between the years {first} and {last}.</source>
        <translation>期间须在 {first} 年至 {last} 年之间。</translation>
    </message>
    <message>
        <source>There is no such township or station at the county.</source>
        <translation>县中心没有这个乡镇或工作站。</translation>
    </message>
    <message>
        <source>The report would be larger than {most} MB: choose a shorter period.</source>
        <translation>报表将超过 {most} MB，请选择较短的期间。</translation>
    </message>
    <message>
        <source>The county has no such complaint (or it was voided).</source>
        <translation>县中心没有这件投诉（或已作废）。</translation>
    </message>
    <message>
        <source>Write what was done (at most {most} characters).</source>
        <translation>请填写所做的处理（最多 {most} 字）。</translation>
    </message>
    <message>
        <source>The answer&apos;s date must be between the complaint ({received}) and today.</source>
        <translation>答复日期应在投诉日期（{received}）与今天之间。</translation>
    </message>
    <message>
        <source>Choose how the complainant was answered and, if known, their satisfaction from the lists.</source>
        <translation>请从列表中选择答复方式，以及投诉人的满意程度（如已知）。</translation>
    </message>
    <message>
        <source>A handling step of this complaint was recorded meanwhile (another person&apos;s, or this one, sent before): its steps are shown again; record it only if it is not there.</source>
        <translation>此投诉在此期间已记录了一条处理情况（可能是他人记录的，也可能是刚才已发送的这一条）：已重新显示其处理情况，请确认尚未记录后再记录。</translation>
    </message>
    <message>
        <source>This complaint already has {most} handling steps; no more can be recorded.</source>
        <translation>该投诉已有 {most} 条处理记录，不能再记录。</translation>
    </message>
    <message>
        <source>Station {code} has not escrowed its key to the county (its station head did not choose it in Settings, or the station has not synced since), so the county cannot recover it.</source>
        <translation>工作站 {code} 没有将密钥托管给县中心（站长未在“设置”中选择托管，或此后尚未同步），县中心无法为其恢复。</translation>
    </message>
    <message>
        <source>The escrow kept for station {code} does not open with this county&apos;s key; it cannot be recovered here.</source>
        <translation>县中心保存的工作站 {code} 托管密钥无法用本县中心的密钥打开，无法在此恢复。</translation>
    </message>
</context>
<context>
    <name>CountyDesk</name>
    <message>
        <source>The request to the county&apos;s server did not complete: %1</source>
        <translation>向县中心服务器的请求没有完成：%1</translation>
    </message>
    <message>
        <source>The county&apos;s server cannot be reached; nothing was changed. Check the network; the screens stay as they are.</source>
        <translation>无法连接县中心服务器，未作任何更改。请检查网络；当前界面保持不变。</translation>
    </message>
    <message>
        <source>Your session has ended: log in again, then repeat the last step.</source>
        <translation>登录已过期：请重新登录，然后再做一次刚才的操作。</translation>
    </message>
</context>
<context>
    <name>CountyEventsModel</name>
    <message>
        <source>New</source>
        <translation>新</translation>
    </message>
    <message>
        <source>County time</source>
        <translation>县中心时间</translation>
    </message>
    <message>
        <source>Application no.</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
</context>
<context>
    <name>CountyPage</name>
    <message>
        <source>County decisions</source>
        <translation>县中心决定</translation>
    </message>
    <message>
        <source>Returned by the county</source>
        <translation>县中心退回</translation>
    </message>
    <message>
        <source>The county&apos;s decisions on this station&apos;s applications, newest first. Bold rows marked New have not been looked at yet. Double-click or press Enter to open the application.</source>
        <translation>县中心对本站申请作出的决定，最新的在前。加粗并标有“新”的是还没有查看过的决定。双击或按回车键打开该申请。</translation>
    </message>
    <message>
        <source>Unread only</source>
        <translation>只看未读</translation>
    </message>
    <message>
        <source>Mark all as read</source>
        <translation>全部标为已读</translation>
    </message>
    <message>
        <source>The county could not accept these changes and sent them back; they are not sent again by themselves. Open the record, correct what the county&apos;s reason says and save it: the new version is sent at the next sync. Send as is only when the county says it has fixed the problem on its side.</source>
        <translation>以下变更县中心无法接收，已经退回，不会再自动发送。请打开记录，按县中心的退回原因改正后保存，新版本会在下次同步时发送。只有县中心告知问题已在县中心一方解决时，才选择“按原样重发”。</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Application no. or name</source>
        <translation>申请编号或姓名</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>County&apos;s reason</source>
        <translation>县中心退回原因</translation>
    </message>
    <message>
        <source>Open record</source>
        <translation>打开记录</translation>
    </message>
    <message>
        <source>Send again as is...</source>
        <translation>按原样重发……</translation>
    </message>
    <message>
        <source>County decisions (%1 unread)</source>
        <translation>县中心决定（%1 条未读）</translation>
    </message>
    <message>
        <source>Showing the newest %1 of %2 decisions.</source>
        <translation>共 %2 条决定，只显示最新的 %1 条。</translation>
    </message>
    <message>
        <source>No unread decisions. Untick &quot;Unread only&quot; to see all the county&apos;s decisions.</source>
        <translation>没有未读的决定。取消勾选“只看未读”即可查看县中心的全部决定。</translation>
    </message>
    <message>
        <source>No decisions from the county yet. This station is not enrolled with the county: enroll it in Settings, and after a sync the county&apos;s decisions appear here.</source>
        <translation>还没有县中心的决定。本工作站尚未在县中心注册：请在设置中注册，同步后县中心的决定会显示在这里。</translation>
    </message>
    <message>
        <source>No decisions from the county yet. After a sync, the county&apos;s acceptances, reviews, assignments and other decisions appear here.</source>
        <translation>还没有县中心的决定。同步后，县中心的受理、审批、指派等决定会显示在这里。</translation>
    </message>
    <message>
        <source>Consultation</source>
        <translation>咨询</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>申请</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>Returned by the county (%1)</source>
        <translation>县中心退回（%1）</translation>
    </message>
    <message>
        <source>Nothing has been returned by the county. When the county cannot accept a change, it is listed here with the county&apos;s reason.</source>
        <translation>没有被县中心退回的记录。县中心无法接收某条变更时，会连同退回原因显示在这里。</translation>
    </message>
    <message>
        <source>Application %1 is not on this station.</source>
        <translation>申请 %1 不在本工作站上。</translation>
    </message>
    <message>
        <source>Send again as is</source>
        <translation>按原样重发</translation>
    </message>
    <message>
        <source>Send this change to the county again without changing it? If the problem was not fixed on the county&apos;s side, the county will return it again. It is sent at the next sync.</source>
        <translation>不作修改，把这条变更按原样重新发送给县中心？如果县中心一方的问题没有解决，县中心会再次退回。变更将在下次同步时发送。</translation>
    </message>
</context>
<context>
    <name>CountyServerBox</name>
    <message>
        <source>County server</source>
        <translation>县中心服务器</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>Address given by the county</source>
        <translation>县中心提供的服务器地址</translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation>注册码</translation>
    </message>
    <message>
        <source>One-time code from the county</source>
        <translation>县中心发放的一次性注册码</translation>
    </message>
    <message>
        <source>County certificate fingerprint</source>
        <translation>县中心证书指纹</translation>
    </message>
    <message>
        <source>64 letters and digits from the enrollment sheet</source>
        <translation>注册单上的64位字母和数字</translation>
    </message>
    <message>
        <source>Read from image...</source>
        <translation>从图片读取…</translation>
    </message>
    <message>
        <source>Choose a photo or scan of the enrollment sheet: the fingerprint is read from its QR code</source>
        <translation>选择注册单的照片或扫描件：从其二维码读取指纹</translation>
    </message>
    <message>
        <source>Enroll</source>
        <translation>注册</translation>
    </message>
    <message>
        <source>Compare this with the county center&apos;s certificate fingerprint.</source>
        <translation>请与县中心提供的证书指纹核对。</translation>
    </message>
    <message>
        <source>No network? Enroll with a USB stick:</source>
        <translation>没有网络？用U盘注册：</translation>
    </message>
    <message>
        <source>Export enrollment request...</source>
        <translation>导出注册申请…</translation>
    </message>
    <message>
        <source>Writes this station&apos;s key and the enrollment code typed above to a file; the county enrolls it and gives you an answer file</source>
        <translation>把本站密钥和上面填写的注册码写入文件；县中心据此注册本站，并给您一个注册答复文件</translation>
    </message>
    <message>
        <source>Import county&apos;s enrollment answer...</source>
        <translation>导入县中心注册答复…</translation>
    </message>
    <message>
        <source>Sheet&apos;s fingerprint</source>
        <translation>注册单上的指纹</translation>
    </message>
    <message>
        <source>Enrolled with</source>
        <translation>已注册到</translation>
    </message>
    <message>
        <source>Document signing</source>
        <translation>文书签名</translation>
    </message>
    <message>
        <source>The county revoked this station&apos;s enrollment; ask the county legal-aid center (it may give a new enrollment code).</source>
        <translation>县中心已撤销本工作站的注册。请联系县法律援助中心（可向其索取新的注册码）。</translation>
    </message>
    <message>
        <source>The county (by USB; no server address)</source>
        <translation>县中心（U盘注册，未填服务器地址）</translation>
    </message>
    <message>
        <source>Not enrolled yet</source>
        <translation>尚未注册</translation>
    </message>
    <message>
        <source>Documents are signed with the certificate the county issued to station %1 (valid until %2).</source>
        <translation>文书使用县中心为工作站 %1 签发的证书签名（有效期至 %2）。</translation>
    </message>
    <message>
        <source>Not yet: the county issues this station&apos;s document certificate at the next sync. Until then printed documents are not signed.</source>
        <translation>尚未取得：下次同步时县中心将签发本站的文书签名证书。在此之前打印的文书不带数字签名。</translation>
    </message>
    <message>
        <source>Documents are signed once the station is enrolled.</source>
        <translation>工作站注册后，打印的文书将带数字签名。</translation>
    </message>
    <message>
        <source>Pictures (*.jpg *.jpeg *.png *.bmp *.tif *.tiff)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.bmp *.tif *.tiff)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Photo of the enrollment sheet</source>
        <translation>注册单照片</translation>
    </message>
    <message>
        <source>Fingerprint read from %1.</source>
        <translation>已从 %1 读取指纹。</translation>
    </message>
    <message>
        <source>Save this station&apos;s details first, then enroll.</source>
        <translation>请先保存本工作站的信息，再注册。</translation>
    </message>
    <message>
        <source>Enter the server address, the enrollment code and the county certificate fingerprint from the enrollment sheet.</source>
        <translation>请填写注册单上的服务器地址、注册码和县中心证书指纹。</translation>
    </message>
    <message>
        <source>Enrolling...</source>
        <translation>正在注册……</translation>
    </message>
    <message>
        <source>Enter the enrollment code the county gave you, then export the request.</source>
        <translation>请先填写县中心发放的注册码，再导出注册申请。</translation>
    </message>
    <message>
        <source>Export enrollment request</source>
        <translation>导出注册申请</translation>
    </message>
    <message>
        <source>Enrollment requests (*.%1)</source>
        <translation>注册申请 (*.%1)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Enrollment request written to %1. Take it to the county center; bring back the answer file it gives you and import it here.</source>
        <translation>注册申请已写入 %1。请带到县法律援助中心，再把县中心给您的注册答复文件带回，在这里导入。</translation>
    </message>
    <message>
        <source>County enrollment answers (*.%1)</source>
        <translation>县中心注册答复 (*.%1)</translation>
    </message>
    <message>
        <source>Import county&apos;s enrollment answer</source>
        <translation>导入县中心注册答复</translation>
    </message>
    <message>
        <source>Enrolled as station %1 %2.</source>
        <translation>已注册为工作站 %1 %2。</translation>
    </message>
    <message>
        <source>With no server address, exchange data by USB stick: File, Export sync bundle to USB.</source>
        <translation>没有服务器地址时，请用U盘交换数据：文件 → 导出同步数据包到U盘…</translation>
    </message>
    <message>
        <source>The county did not accept this enrollment code: it is wrong or has been used already. Ask the county for a new code.</source>
        <translation>县中心不接受这个注册码（有误或已经用过），本站未注册。请向县中心索取新的注册码。</translation>
    </message>
    <message>
        <source>Not enrolled: the county server cannot be reached. Check the network and the server address, or enroll with a USB stick below.</source>
        <translation>连不上县中心服务器，本站未注册。请检查网络和服务器地址，或用下面的U盘方式注册。</translation>
    </message>
    <message>
        <source>Not enrolled: an unexpected error happened (see the log).</source>
        <translation>发生意外错误，本站未注册（详见日志）。</translation>
    </message>
</context>
<context>
    <name>CountyText</name>
    <message>
        <source>Accepted by the county</source>
        <translation>县中心已受理</translation>
    </message>
    <message>
        <source>Supplementary materials requested: %1</source>
        <translation>要求补充材料：%1</translation>
    </message>
    <message>
        <source>Legal aid granted</source>
        <translation>决定给予法律援助</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>决定不予法律援助：%1</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>办理进展</translation>
    </message>
    <message>
        <source>Closed: %1</source>
        <translation>已结案：%1</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>Legal aid terminated: %1</source>
        <translation>终止法律援助：%1</translation>
    </message>
    <message>
        <source>Objection; the justice bureau&apos;s answer: %1</source>
        <translation>异议；司法行政部门审查结果：%1</translation>
    </message>
    <message>
        <source>%1 No. %2</source>
        <translation>%1（第%2号）</translation>
    </message>
    <message>
        <source>Issued: %1</source>
        <translation>已出具：%1</translation>
    </message>
    <message>
        <source>lawyer</source>
        <translation>律师</translation>
    </message>
    <message>
        <source>law firm</source>
        <translation>律师事务所</translation>
    </message>
    <message>
        <source>legal-aid center staff</source>
        <translation>法律援助中心工作人员</translation>
    </message>
    <message>
        <source>Assigned to %1 (%2)</source>
        <translation>已指派给 %1（%2）</translation>
    </message>
    <message>
        <source>%1 years of practice</source>
        <translation>执业 %1 年</translation>
    </message>
    <message>
        <source>minors&apos; cases</source>
        <translation>熟悉未成年人案件</translation>
    </message>
</context>
<context>
    <name>CountyWindow</name>
    <message>
        <source>County legal-aid center workspace</source>
        <translation>县法律援助中心工作台</translation>
    </message>
    <message>
        <source>Logged in: %1 (%2)</source>
        <translation>已登录：%1（%2）</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>待办队列</translation>
    </message>
    <message>
        <source>Consultations</source>
        <translation>咨询查询</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Roster</source>
        <translation>名册</translation>
    </message>
    <message>
        <source>Townships</source>
        <translation>乡镇人口</translation>
    </message>
    <message>
        <source>Staff accounts</source>
        <translation>工作人员账号</translation>
    </message>
    <message>
        <source>Plan measures</source>
        <translation>计划指标</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>统计报表</translation>
    </message>
    <message>
        <source>Complaints ledger</source>
        <translation>投诉台账</translation>
    </message>
    <message>
        <source>to decide %1</source>
        <translation>待决定 %1</translation>
    </message>
    <message>
        <source>awaiting materials %1</source>
        <translation>待补充材料 %1</translation>
    </message>
    <message>
        <source>to assign %1</source>
        <translation>待指派 %1</translation>
    </message>
    <message>
        <source>overdue %1</source>
        <translation>已逾期 %1</translation>
    </message>
    <message>
        <source>urgent %1</source>
        <translation>紧急 %1</translation>
    </message>
    <message>
        <source>withdrawn, materials not supplied %1</source>
        <translation>视为撤回 %1</translation>
    </message>
    <message>
        <source>Not connected to the county&apos;s server: what is shown may be out of date; nothing was changed. Press F5 to try again.</source>
        <translation>未连接县中心服务器：显示的内容可能不是最新的，未作任何更改。按 F5 重试。</translation>
    </message>
</context>
<context>
    <name>CountyWords</name>
    <message>
        <source>Awaiting review</source>
        <translation>待审查</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <source>Awaiting supplementary materials</source>
        <translation>待补充材料</translation>
    </message>
    <message>
        <source>Legal aid granted</source>
        <translation>已决定给予法律援助</translation>
    </message>
    <message>
        <source>Legal aid refused</source>
        <translation>不予法律援助</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>已指派</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>Legal aid terminated</source>
        <translation>已终止法律援助</translation>
    </message>
    <message>
        <source>Counts as withdrawn (materials not supplied in time)</source>
        <translation>视为撤回（逾期未补充材料）</translation>
    </message>
    <message>
        <source>Military personnel</source>
        <translation>军人</translation>
    </message>
    <message>
        <source>Minors</source>
        <translation>未成年人</translation>
    </message>
    <message>
        <source>Migrant workers</source>
        <translation>农民工</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>Urgent (Art. 44)</source>
        <translation>紧急（第四十四条）</translation>
    </message>
    <message>
        <source>No open deadline</source>
        <translation>无待办期限</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Ask for supplementary materials</source>
        <translation>补充材料</translation>
    </message>
    <message>
        <source>Grant legal aid</source>
        <translation>给予法律援助</translation>
    </message>
    <message>
        <source>Refuse legal aid</source>
        <translation>不予法律援助</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>指派</translation>
    </message>
    <message>
        <source>Replace the legal-aid provider</source>
        <translation>更换法律援助人员</translation>
    </message>
    <message>
        <source>Terminate legal aid</source>
        <translation>终止法律援助</translation>
    </message>
    <message>
        <source>Record progress</source>
        <translation>办理进展</translation>
    </message>
    <message>
        <source>Close the case</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>Record an objection</source>
        <translation>异议</translation>
    </message>
    <message>
        <source>The matter is not within the scope of legal aid (Legal Aid Law Arts. 22, 24, 31)</source>
        <translation>申请事项不属于法律援助范围（《法律援助法》第二十二条、第二十四条、第三十一条）</translation>
    </message>
    <message>
        <source>The applicant does not meet the economic hardship standard (Art. 34)</source>
        <translation>申请人不符合经济困难标准（第三十四条）</translation>
    </message>
    <message>
        <source>The application is not for this legal-aid center to handle (Art. 38)</source>
        <translation>申请事项不属于本法律援助机构受理（第三十八条）</translation>
    </message>
    <message>
        <source>The applicant&apos;s statement of hardship was found untrue (Art. 41)</source>
        <translation>经核查，申请人的经济困难状况说明不属实（第四十一条）</translation>
    </message>
    <message>
        <source>Legal aid was obtained by deceit</source>
        <translation>受援人以欺骗或者其他不正当手段获得法律援助</translation>
    </message>
    <message>
        <source>The recipient hid important facts or gave false evidence</source>
        <translation>受援人故意隐瞒与案件有关的重要事实或者提供虚假证据</translation>
    </message>
    <message>
        <source>The recipient uses legal aid for unlawful ends</source>
        <translation>受援人利用法律援助从事违法活动</translation>
    </message>
    <message>
        <source>The recipient no longer meets the economic hardship standard</source>
        <translation>受援人的经济状况发生变化，不再符合法律援助条件</translation>
    </message>
    <message>
        <source>The case ended or was withdrawn</source>
        <translation>案件终止审理或者已经被撤销</translation>
    </message>
    <message>
        <source>The recipient engaged a lawyer of their own</source>
        <translation>受援人自行委托律师或者其他代理人</translation>
    </message>
    <message>
        <source>The recipient asks with good reason to end legal aid</source>
        <translation>受援人有正当理由要求终止法律援助</translation>
    </message>
</context>
<context>
    <name>CourtAttendanceForm</name>
    <message>
        <source>New court attendance</source>
        <translation>新建旁听庭审记录</translation>
    </message>
    <message>
        <source>Court attendance</source>
        <translation>旁听庭审记录</translation>
    </message>
    <message>
        <source>Hearing</source>
        <translation>庭审</translation>
    </message>
    <message>
        <source>How the lawyer did</source>
        <translation>庭审表现评价</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>Something went wrong</source>
        <translation>程序出错</translation>
    </message>
    <message>
        <source>The program met an error it did not expect. What you were typing has been kept as a draft. If this happens again, give the IT helper the log file:
%1</source>
        <translation>程序遇到意外错误。正在填写的内容已保存为草稿。如果再次出现，请将以下日志文件交给信息技术人员：
%1</translation>
    </message>
    <message>
        <source>The details are in the log at %1.</source>
        <translation>详细信息已于 %1 写入日志。</translation>
    </message>
</context>
<context>
    <name>Deadline</name>
    <message>
        <source>Decide on the application (Art. 43: within 7 days)</source>
        <translation>作出是否给予法律援助的决定（第四十三条：七日内）</translation>
    </message>
    <message>
        <source>Supplementary materials due (not supplied: counts as withdrawn)</source>
        <translation>补充材料期限（逾期未补充的，视为撤回申请）</translation>
    </message>
    <message>
        <source>Assign after the grant (Art. 43: within 3 days)</source>
        <translation>决定给予后指派（第四十三条：三日内）</translation>
    </message>
    <message>
        <source>Urgent: aid before the deadline runs out (Art. 44)</source>
        <translation>紧急：在期限届满前先行提供法律援助（第四十四条）</translation>
    </message>
    <message>
        <source>Follow-up visit after closing</source>
        <translation>结案后回访</translation>
    </message>
    <message>
        <source>Follow up the consultation</source>
        <translation>咨询回访</translation>
    </message>
    <message>
        <source>Answer the complaint</source>
        <translation>答复投诉</translation>
    </message>
    <message>
        <source>Counts as withdrawn: the materials were not supplied by the notice&apos;s date (Art. 43)</source>
        <translation>视为撤回：未在通知期限内补充材料（第四十三条）</translation>
    </message>
    <message>
        <source>Counts as withdrawn: the materials were not supplied by the date</source>
        <translation>视为撤回（逾期未补充材料）</translation>
    </message>
</context>
<context>
    <name>Deadlines</name>
    <message>
        <source>Counts as withdrawn (materials not supplied)</source>
        <translation>视为撤回（逾期未补充材料）</translation>
    </message>
    <message>
        <source>%1 day(s) overdue</source>
        <translation>逾期%1天</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <source>%1 day(s) left</source>
        <translation>剩%1天</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>以后到期</translation>
    </message>
</context>
<context>
    <name>DeadlinesPage</name>
    <message>
        <source>Deadlines</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>What is due</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is about %1 minutes off the county&apos;s: the days below are counted on this computer&apos;s clock. Correct the clock.</source>
        <translation>本机时钟与县中心相差约 %1 分钟：下列期限按本机时钟计算，请校正本机时钟。</translation>
    </message>
    <message>
        <source>%1 overdue, %2 due today, %3 due within %4 days</source>
        <translation>已逾期 %1 项，今日到期 %2 项，%4 日内到期 %3 项</translation>
    </message>
    <message>
        <source>(anonymous consultation)</source>
        <translation>（匿名咨询）</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <source>Progress</source>
        <translation>办理进展</translation>
    </message>
    <message>
        <source>Further reasons</source>
        <translation>其他理由</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Missing materials (ask for all of them at once: Art. 43)</source>
        <translation>需补充的材料（应一次性告知：第四十三条）</translation>
    </message>
    <message>
        <source>Supply by</source>
        <translation>补充期限</translation>
    </message>
    <message>
        <source>Not supplied by this date: the application counts as withdrawn.</source>
        <translation>逾期未补充的，视为撤回申请。</translation>
    </message>
    <message>
        <source>Grounds (Legal Aid Law Art. 48)</source>
        <translation>终止事由（《法律援助法》第四十八条）</translation>
    </message>
    <message>
        <source>Grounds</source>
        <translation>不予法律援助的理由</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结案方式</translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation>请选择……</translation>
    </message>
    <message>
        <source>Upheld</source>
        <translation>维持原决定</translation>
    </message>
    <message>
        <source>Ordered corrected: the center decides again</source>
        <translation>责令改正：由中心重新作出决定</translation>
    </message>
    <message>
        <source>The applicant objected to the refusal or termination to the justice bureau (Art. 49); record the bureau&apos;s answer.</source>
        <translation>申请人或受援人对不予或终止法律援助的决定向司法行政部门提出异议（第四十九条）；请记录司法行政部门的答复。</translation>
    </message>
    <message>
        <source>The justice bureau&apos;s decision</source>
        <translation>司法行政部门的审查结果</translation>
    </message>
    <message>
        <source>The justice bureau&apos;s answer</source>
        <translation>司法行政部门的答复</translation>
    </message>
    <message>
        <source>Answered on</source>
        <translation>答复日期</translation>
    </message>
    <message>
        <source>Write at most %1 characters (now %2).</source>
        <translation>最多填写 %1 字（现为 %2 字）。</translation>
    </message>
    <message>
        <source>Tick every missing material (at least one).</source>
        <translation>请勾选需补充的全部材料（至少一项）。</translation>
    </message>
    <message>
        <source>Tick the grounds, or write the reasons.</source>
        <translation>请勾选理由，或写明理由。</translation>
    </message>
    <message>
        <source>Choose the result.</source>
        <translation>请选择结案方式。</translation>
    </message>
    <message>
        <source>Choose what the justice bureau decided.</source>
        <translation>请选择司法行政部门的审查结果。</translation>
    </message>
    <message>
        <source>Record the justice bureau&apos;s answer.</source>
        <translation>请填写司法行政部门的答复。</translation>
    </message>
    <message>
        <source>Write what happened.</source>
        <translation>请写明办理情况。</translation>
    </message>
</context>
<context>
    <name>EscrowBox</name>
    <message>
        <source>Key escrow with the county</source>
        <translation>县中心托管密钥</translation>
    </message>
    <message>
        <source>If every password and the recovery key are lost, the county center can recover this station only when its key is escrowed with the county. The center can then open this station&apos;s data: choose it as your county&apos;s rules say.</source>
        <translation>全部密码和恢复密钥都丢失时，只有本站密钥已托管给县中心，县中心才能为本站恢复。托管后县中心能够打开本站数据：请按本县规定选择。</translation>
    </message>
    <message>
        <source>Escrow this station&apos;s key with the county</source>
        <translation>将本站密钥托管给县中心</translation>
    </message>
    <message>
        <source>Enroll with the county first: the key is escrowed to the county&apos;s certificate.</source>
        <translation>请先在县中心登记：密钥托管给县中心证书。</translation>
    </message>
    <message>
        <source>Escrowed; it goes to the county with the next sync or USB bundle.</source>
        <translation>已托管，将随下次同步或U盘数据包送达县中心。</translation>
    </message>
    <message>
        <source>Withdrawn; the county deletes its copy at the next sync or USB bundle.</source>
        <translation>已撤销，县中心将在下次同步或U盘数据包时删除其副本。</translation>
    </message>
    <message>
        <source>Escrowed; the county keeps it.</source>
        <translation>已托管，县中心已保存。</translation>
    </message>
    <message>
        <source>Not escrowed.</source>
        <translation>未托管。</translation>
    </message>
    <message>
        <source>Escrow this station&apos;s key with the county? The county center will be able to open this station&apos;s data to recover it.</source>
        <translation>将本站密钥托管给县中心？县中心将能够打开本站数据以便恢复。</translation>
    </message>
    <message>
        <source>Withdraw the escrow? The county deletes its copy at the next sync, and can no longer recover this station when every password and the recovery key are lost.</source>
        <translation>撤销托管？县中心将在下次同步时删除其副本，此后全部密码和恢复密钥丢失时县中心无法再为本站恢复。</translation>
    </message>
    <message>
        <source>The choice could not be saved; nothing was changed.</source>
        <translation>未能保存此选择，没有任何改动。</translation>
    </message>
</context>
<context>
    <name>Events</name>
    <message>
        <source>upheld</source>
        <translation>维持原决定</translation>
    </message>
    <message>
        <source>ordered corrected: the center decides again</source>
        <translation>责令改正，由中心重新作出决定</translation>
    </message>
</context>
<context>
    <name>Field</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Name in Chinese on the ID card</source>
        <translation>证件上的中文姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>ID type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>邮政编码</translation>
    </message>
    <message>
        <source>Household registration</source>
        <translation>户籍所在地</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <source>Work unit</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>文化程度</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <source>Special categories</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>使用语言</translation>
    </message>
    <message>
        <source>Needs an interpreter</source>
        <translation>需要翻译</translation>
    </message>
    <message>
        <source>Accessibility needs</source>
        <translation>无障碍需求</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代理人</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>与当事人关系</translation>
    </message>
    <message>
        <source>Representative&apos;s phone</source>
        <translation>法定代理人电话</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>咨询时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <source>Outreach event</source>
        <translation>外出服务活动</translation>
    </message>
    <message>
        <source>Anonymous caller</source>
        <translation>匿名来电</translation>
    </message>
    <message>
        <source>Matter</source>
        <translation>事项类别</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>咨询内容</translation>
    </message>
    <message>
        <source>Answer given</source>
        <translation>解答意见</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Minutes spent</source>
        <translation>用时（分钟）</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Referred to</source>
        <translation>转介单位</translation>
    </message>
    <message>
        <source>Referral note</source>
        <translation>转介说明</translation>
    </message>
    <message>
        <source>Follow-up needed</source>
        <translation>需要回访</translation>
    </message>
    <message>
        <source>Follow-up note</source>
        <translation>回访说明</translation>
    </message>
    <message>
        <source>Application number</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>代理人</translation>
    </message>
    <message>
        <source>Agent&apos;s relation</source>
        <translation>代理人与申请人关系</translation>
    </message>
    <message>
        <source>Agent&apos;s ID number</source>
        <translation>代理人证件号码</translation>
    </message>
    <message>
        <source>Agent&apos;s phone</source>
        <translation>代理人电话</translation>
    </message>
    <message>
        <source>Case type</source>
        <translation>案件类型</translation>
    </message>
    <message>
        <source>Aid requested</source>
        <translation>申请援助事项</translation>
    </message>
    <message>
        <source>Litigation</source>
        <translation>诉讼案件</translation>
    </message>
    <message>
        <source>Cause of action</source>
        <translation>案由</translation>
    </message>
    <message>
        <source>Status of the matter</source>
        <translation>案件所处阶段</translation>
    </message>
    <message>
        <source>Applicant&apos;s position</source>
        <translation>申请人诉讼地位</translation>
    </message>
    <message>
        <source>Role in the criminal case</source>
        <translation>在刑事案件中的身份</translation>
    </message>
    <message>
        <source>Charge</source>
        <translation>涉嫌罪名</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>刑事诉讼阶段</translation>
    </message>
    <message>
        <source>Place of detention</source>
        <translation>羁押场所</translation>
    </message>
    <message>
        <source>Possible life imprisonment or death sentence</source>
        <translation>可能被判处无期徒刑、死刑</translation>
    </message>
    <message>
        <source>Notifying organ</source>
        <translation>通知机关</translation>
    </message>
    <message>
        <source>Notification document number</source>
        <translation>通知文书编号</translation>
    </message>
    <message>
        <source>Matter under Art. 31</source>
        <translation>第三十一条所列事项</translation>
    </message>
    <message>
        <source>Opposing party</source>
        <translation>对方当事人</translation>
    </message>
    <message>
        <source>Opposing party&apos;s address</source>
        <translation>对方当事人住址</translation>
    </message>
    <message>
        <source>Amount claimed (yuan)</source>
        <translation>请求金额（元）</translation>
    </message>
    <message>
        <source>Facts and reasons</source>
        <translation>案情及申请理由</translation>
    </message>
    <message>
        <source>Eligibility ground</source>
        <translation>援助条件依据</translation>
    </message>
    <message>
        <source>Art. 42 exemption</source>
        <translation>第四十二条免予核查情形</translation>
    </message>
    <message>
        <source>Art. 32 ground</source>
        <translation>第三十二条情形</translation>
    </message>
    <message>
        <source>Art. 25 ground</source>
        <translation>第二十五条情形</translation>
    </message>
    <message>
        <source>Informed about judicial assistance</source>
        <translation>已告知司法救助</translation>
    </message>
    <message>
        <source>Household size</source>
        <translation>家庭人口数</translation>
    </message>
    <message>
        <source>Household monthly income (yuan)</source>
        <translation>家庭月收入（元）</translation>
    </message>
    <message>
        <source>Household income of the last year (yuan)</source>
        <translation>家庭年度总收入（元）</translation>
    </message>
    <message>
        <source>Income sources</source>
        <translation>收入来源</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>家庭财产状况</translation>
    </message>
    <message>
        <source>Hardship standard (yuan per person per month)</source>
        <translation>经济困难标准（元/人/月）</translation>
    </message>
    <message>
        <source>Why aid although over the standard</source>
        <translation>超出标准仍申请的理由</translation>
    </message>
    <message>
        <source>Applied before</source>
        <translation>曾申请过法律援助</translation>
    </message>
    <message>
        <source>When, where, number</source>
        <translation>申请时间、地点及编号</translation>
    </message>
    <message>
        <source>Materials received</source>
        <translation>已收材料</translation>
    </message>
    <message>
        <source>Pages of evidence</source>
        <translation>证据材料页数</translation>
    </message>
    <message>
        <source>Urgent (aid before review, Art. 44)</source>
        <translation>情况紧急（先行提供法律援助，第四十四条）</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>紧急情形</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>时效或期限届满日</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>From consultation</source>
        <translation>来源咨询登记</translation>
    </message>
    <message>
        <source>Rules version</source>
        <translation>规则版本</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>Date of the visit</source>
        <translation>回访日期</translation>
    </message>
    <message>
        <source>How</source>
        <translation>回访方式</translation>
    </message>
    <message>
        <source>Visited by</source>
        <translation>回访人</translation>
    </message>
    <message>
        <source>Person visited</source>
        <translation>被回访人</translation>
    </message>
    <message>
        <source>The lawyer contacted the recipient in time</source>
        <translation>承办人及时与受援人联系</translation>
    </message>
    <message>
        <source>The recipient was told of the progress</source>
        <translation>已告知受援人案件进展</translation>
    </message>
    <message>
        <source>Money or gifts were taken</source>
        <translation>收取了财物或者费用</translation>
    </message>
    <message>
        <source>The lawyer&apos;s attitude</source>
        <translation>承办人工作态度</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意程度</translation>
    </message>
    <message>
        <source>Opinions and findings</source>
        <translation>受援人意见和回访情况</translation>
    </message>
    <message>
        <source>Action taken</source>
        <translation>回访情况处理</translation>
    </message>
    <message>
        <source>Court or arbitration body</source>
        <translation>审理法院（仲裁机构）</translation>
    </message>
    <message>
        <source>Hearing</source>
        <translation>开庭时间</translation>
    </message>
    <message>
        <source>Place of the hearing</source>
        <translation>开庭地点</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>审理程序</translation>
    </message>
    <message>
        <source>Attended by</source>
        <translation>旁听人员</translation>
    </message>
    <message>
        <source>Preparation</source>
        <translation>庭前准备</translation>
    </message>
    <message>
        <source>Evidence and cross-examination</source>
        <translation>举证、质证</translation>
    </message>
    <message>
        <source>Defence or representation opinion</source>
        <translation>辩护（代理）意见</translation>
    </message>
    <message>
        <source>Courtroom conduct</source>
        <translation>庭审礼仪和纪律</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>综合评价</translation>
    </message>
    <message>
        <source>What happened at the hearing</source>
        <translation>庭审情况记录</translation>
    </message>
    <message>
        <source>Opinion</source>
        <translation>旁听意见</translation>
    </message>
    <message>
        <source>Date of the evaluation</source>
        <translation>评查日期</translation>
    </message>
    <message>
        <source>Evaluator</source>
        <translation>评查人</translation>
    </message>
    <message>
        <source>Total score</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>Quality grade</source>
        <translation>质量等次</translation>
    </message>
    <message>
        <source>Evaluation opinion</source>
        <translation>评查意见</translation>
    </message>
    <message>
        <source>Closing date</source>
        <translation>结案日期</translation>
    </message>
    <message>
        <source>How the case ended</source>
        <translation>结案方式</translation>
    </message>
    <message>
        <source>Litigation case</source>
        <translation>诉讼案件</translation>
    </message>
    <message>
        <source>Heard in court</source>
        <translation>开庭审理</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>案件结果</translation>
    </message>
    <message>
        <source>How the case was handled</source>
        <translation>承办情况</translation>
    </message>
    <message>
        <source>Losses recovered or benefits obtained (yuan)</source>
        <translation>挽回经济损失或者取得利益（元）</translation>
    </message>
    <message>
        <source>Recipient&apos;s opinion</source>
        <translation>受援人意见</translation>
    </message>
    <message>
        <source>Archived on</source>
        <translation>归档日期</translation>
    </message>
    <message>
        <source>Complaint number</source>
        <translation>投诉编号</translation>
    </message>
    <message>
        <source>Time of the complaint</source>
        <translation>投诉时间</translation>
    </message>
    <message>
        <source>How the complaint came</source>
        <translation>投诉方式</translation>
    </message>
    <message>
        <source>Registered by</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>Complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <source>Complainant&apos;s phone</source>
        <translation>投诉人联系电话</translation>
    </message>
    <message>
        <source>Complainant&apos;s address</source>
        <translation>投诉人住址</translation>
    </message>
    <message>
        <source>Complaint against</source>
        <translation>被投诉对象</translation>
    </message>
    <message>
        <source>Name of the person or body</source>
        <translation>被投诉人姓名或名称</translation>
    </message>
    <message>
        <source>Their unit</source>
        <translation>被投诉人所在单位</translation>
    </message>
    <message>
        <source>Matter and reasons</source>
        <translation>投诉事项及理由</translation>
    </message>
    <message>
        <source>Handling steps</source>
        <translation>处理情况</translation>
    </message>
    <message>
        <source>Result of the handling</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Answered on</source>
        <translation>答复日期</translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation>答复方式</translation>
    </message>
    <message>
        <source>Complainant&apos;s satisfaction</source>
        <translation>投诉人满意程度</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind of event</source>
        <translation>活动类型</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>活动名称</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Unit or partner</source>
        <translation>单位或合作部门</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>参加人员</translation>
    </message>
    <message>
        <source>People reached</source>
        <translation>服务人数</translation>
    </message>
</context>
<context>
    <name>FigureRecords</name>
    <message>
        <source>Number</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <source>Case type</source>
        <translation>案件类型</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>计入</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>共 %n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <source>%1-%2 shown</source>
        <translation>当前显示第 %1–%2 条</translation>
    </message>
</context>
<context>
    <name>FigureRecordsPage</name>
    <message>
        <source>Back to the measures (Esc)</source>
        <translation>返回计划指标（Esc）</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <source>Case type</source>
        <translation>案件类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>计入</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>The whole county</source>
        <translation>全县</translation>
    </message>
    <message>
        <source>%1 — %2, %3 to %4</source>
        <translation>%1 — %2，%3 至 %4</translation>
    </message>
    <message>
        <source>%1 counted of %2 applications</source>
        <translation>计入 %1 件，共 %2 件申请</translation>
    </message>
    <message>
        <source>%1 applications</source>
        <translation>共 %1 件申请</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <source>Set up the station head&apos;s account</source>
        <translation>创建站长账户</translation>
    </message>
    <message>
        <source>Everything this station records is kept encrypted. First make the station head&apos;s account: the station head signs in with it, adds the other clerks&apos; accounts and resets their passwords.</source>
        <translation>本工作站登记的全部内容都加密保存。请先创建站长账户：站长用它登录，并为其他办事员新增账户、重设密码。</translation>
    </message>
    <message>
        <source>Station head&apos;s name</source>
        <translation>站长姓名</translation>
    </message>
    <message>
        <source>Create the account</source>
        <translation>创建账户</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Enter the station head&apos;s name.</source>
        <translation>请填写站长姓名。</translation>
    </message>
</context>
<context>
    <name>FollowUpForm</name>
    <message>
        <source>New follow-up visit</source>
        <translation>新建回访记录</translation>
    </message>
    <message>
        <source>Follow-up visit</source>
        <translation>回访记录</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>What the recipient said</source>
        <translation>回访内容</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>尚未保存</translation>
    </message>
    <message>
        <source>created</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>voided</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>Version %1 · %2 · %3 %4</source>
        <translation>第 %1 版 · %2 · %3 %4</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>Indicator</name>
    <message>
        <source>Cases per 10,000 registered residents</source>
        <translation>每万户籍人口法律援助案件数</translation>
    </message>
    <message>
        <source>Criminal cases among all cases</source>
        <translation>刑事案件占案件总数比重</translation>
    </message>
    <message>
        <source>Litigation cases among closed cases</source>
        <translation>诉讼案件占已结案件比重</translation>
    </message>
    <message>
        <source>Cases handled by law-firm lawyers</source>
        <translation>律师事务所律师承办案件比重</translation>
    </message>
    <message>
        <source>Court attendance among cases heard in court</source>
        <translation>旁听庭审案件占开庭审理案件比重</translation>
    </message>
    <message>
        <source>Closing rate</source>
        <translation>结案率</translation>
    </message>
    <message>
        <source>Follow-up rate of closed cases</source>
        <translation>已结案件回访率</translation>
    </message>
    <message>
        <source>Average days from receipt to decision</source>
        <translation>受理至审批决定平均天数</translation>
    </message>
    <message>
        <source>Average days from grant to assignment</source>
        <translation>决定给予至指派平均天数</translation>
    </message>
    <message>
        <source>Cases with a deadline passed</source>
        <translation>期限已过的案件数</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>法律援助案件数</translation>
    </message>
</context>
<context>
    <name>IndicatorsPage</name>
    <message>
        <source>Applications (list)</source>
        <translation>申请列表</translation>
    </message>
    <message>
        <source>The plan&apos;s measures</source>
        <translation>工作要点指标</translation>
    </message>
    <message>
        <source>12348 hotline quarterly statistics</source>
        <translation>12348热线季度统计</translation>
    </message>
    <message>
        <source>Complaints half-yearly report</source>
        <translation>投诉处理半年报告</translation>
    </message>
    <message>
        <source>Case statistics by month</source>
        <translation>分月案件统计</translation>
    </message>
    <message>
        <source>Typical cases</source>
        <translation>典型案例信息</translation>
    </message>
    <message>
        <source>Save report...</source>
        <translation>保存报表…</translation>
    </message>
    <message>
        <source>By month:</source>
        <translation>按月：</translation>
    </message>
    <message>
        <source>Counting...</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source> The county has not given this township&apos;s registered population yet.</source>
        <translation>县中心尚未提供本乡镇户籍人口。</translation>
    </message>
    <message>
        <source>%1 to %2, this station&apos;s records.</source>
        <translation>%1 至 %2，本工作站的记录。</translation>
    </message>
    <message>
        <source>Cases per 10,000 residents need the township&apos;s registered population, which the county has not given yet.</source>
        <translation>计算每万户籍人口法律援助案件数需要本乡镇的户籍人口数，县法律援助中心尚未提供。</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>保存报表</translation>
    </message>
    <message>
        <source>Excel (*.xlsx);;PDF (*.pdf);;CSV (*.csv)</source>
        <translation>Excel 文件 (*.xlsx);;PDF 文件 (*.pdf);;CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>已保存为 %1</translation>
    </message>
    <message>
        <source>Report not saved</source>
        <translation>报表未保存</translation>
    </message>
    <message>
        <source>The report could not be written: %1</source>
        <translation>报表无法写入：%1</translation>
    </message>
</context>
<context>
    <name>Keyring</name>
    <message>
        <source>Wrong account name or password. Check the keyboard&apos;s input method and Caps Lock, then try again.</source>
        <translation>账户名或密码错误。请检查输入法和大写锁定键后重试。</translation>
    </message>
    <message>
        <source>This is not the recovery key of this station. Check each group of letters on the printed sheet.</source>
        <translation>这不是本工作站的恢复密钥。请逐组核对打印纸上的字母。</translation>
    </message>
    <message>
        <source>This data folder has no keyring (keyring.json), so its data cannot be opened. Restore the data folder, with keyring.json, from a backup.</source>
        <translation>此数据文件夹没有密钥环（keyring.json），无法打开其中的数据。请从备份恢复数据文件夹（连同 keyring.json）。</translation>
    </message>
    <message>
        <source>The keyring file (keyring.json) is damaged or was changed outside the program, so it is not trusted. Restore it from a backup; the data were not changed.</source>
        <translation>密钥环文件（keyring.json）已损坏或在程序之外被改动，因此不予信任。请从备份恢复该文件；数据未被改动。</translation>
    </message>
    <message>
        <source>A password needs at least {minimum} characters.</source>
        <translation>密码至少需要 {minimum} 个字符。</translation>
    </message>
    <message>
        <source>There is already an account named {name}.</source>
        <translation>已有名为“{name}”的账户。</translation>
    </message>
    <message>
        <source>Enter the clerk&apos;s name for the account.</source>
        <translation>请输入该账户的工作人员姓名。</translation>
    </message>
    <message>
        <source>There is no account named {name}.</source>
        <translation>没有名为“{name}”的账户。</translation>
    </message>
    <message>
        <source>The station needs at least one station head: make another account station head first.</source>
        <translation>工作站至少需要一名站长：请先把另一个账户设为站长。</translation>
    </message>
    <message>
        <source>Only a station head may do this.</source>
        <translation>只有站长可以进行此操作。</translation>
    </message>
    <message>
        <source>This station has no machine credential for scheduled tasks.</source>
        <translation>本工作站没有供计划任务使用的机器凭据。</translation>
    </message>
    <message>
        <source>The machine credential does not open this station (it belongs to another station or was replaced).</source>
        <translation>该机器凭据无法打开本工作站（它属于其他工作站，或已被更换）。</translation>
    </message>
    <message>
        <source>This station&apos;s key is not escrowed to the county.</source>
        <translation>本工作站的密钥未托管给县中心。</translation>
    </message>
    <message>
        <source>Too many wrong passwords for {name}. Wait {seconds} seconds, then try again.</source>
        <translation>“{name}”的密码错误次数过多。请等待 {seconds} 秒后再试。</translation>
    </message>
    <message>
        <source>Only a station head may do this ({action}). Ask the station head to sign in.</source>
        <translation>只有站长可以进行此操作（{action}）。请站长登录。</translation>
    </message>
    <message>
        <source>The station is locked: sign in first.</source>
        <translation>工作站已锁定：请先登录。</translation>
    </message>
    <message>
        <source>This command needs the station&apos;s machine credential, and none was found at {path}. A station head sets it up once with: python -m desktop credential create --data-dir DIR [--file FILE]; a scheduled task then finds it there, or in the file named by the environment variable LEGALAID_MACHINE_CREDENTIAL, or by --credential FILE.</source>
        <translation>此命令需要工作站的机器凭据，但在 {path} 未找到。请站长运行一次：python -m desktop credential create --data-dir 数据文件夹 [--file 文件]；之后计划任务会在该处找到它，也可用环境变量 LEGALAID_MACHINE_CREDENTIAL 或 --credential 文件 指明其位置。</translation>
    </message>
    <message>
        <source>The file {path} is not a machine credential.</source>
        <translation>文件 {path} 不是机器凭据。</translation>
    </message>
    <message>
        <source>{path} is not a recovery file from the county.</source>
        <translation>{path} 不是县中心制作的恢复文件。</translation>
    </message>
    <message>
        <source>This recovery file was made for station {station}, not for this one. Ask the county center for this station&apos;s file.</source>
        <translation>此恢复文件是为工作站 {station} 制作的，不属于本站。请向县中心索取本站的恢复文件。</translation>
    </message>
    <message>
        <source>The key typed does not open this recovery file. Check each group of letters on the county&apos;s sheet.</source>
        <translation>输入的密钥打不开此恢复文件。请逐组核对县中心给出的字母。</translation>
    </message>
    <message>
        <source>This recovery file was already used at this station. Ask the county center for a new one.</source>
        <translation>此恢复文件已在本站使用过。请向县中心索取新的恢复文件。</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>The workstation is locked</source>
        <translation>工作站已锁定</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>The workstation is locked</source>
        <translation>工作站已锁定</translation>
    </message>
    <message>
        <source>Sign in to go on. Forms in progress are kept and come back as they were.</source>
        <translation>请登录后继续。正在填写的表单已保留，登录后原样恢复。</translation>
    </message>
</context>
<context>
    <name>LoginAgainDialog</name>
    <message>
        <source>Log in again</source>
        <translation>重新登录</translation>
    </message>
    <message>
        <source>Your session has ended (it was idle too long, or the account was changed). What you were typing is kept: log in again, then repeat the last step.</source>
        <translation>登录已过期（长时间未操作，或账号已变更）。已填写的内容都保留着：请重新登录，然后再做一次刚才的操作。</translation>
    </message>
</context>
<context>
    <name>LoginPanel</name>
    <message>
        <source>County legal-aid center workspace</source>
        <translation>县法律援助中心工作台</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>服务器：%1</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Enter your account and password.</source>
        <translation>请输入账号和密码。</translation>
    </message>
    <message>
        <source>The account or the password is wrong (passwords are case-sensitive). After repeated failures wait a minute before trying again.</source>
        <translation>账号或密码错误（密码区分大小写）。多次失败后请等一分钟再试。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Legal-Aid Workstation</source>
        <translation>法律援助工作站</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>导航</translation>
    </message>
    <message>
        <source>Consultations</source>
        <translation>咨询登记</translation>
    </message>
    <message>
        <source>Applications</source>
        <translation>法律援助申请</translation>
    </message>
    <message>
        <source>Deadlines</source>
        <translation>期限待办</translation>
    </message>
    <message>
        <source>Case work</source>
        <translation>案件办理</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Outreach</source>
        <translation>外出服务</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计报表</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>County</source>
        <translation>县中心</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Deadlines (%1)</source>
        <translation>期限待办（%1）</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;New record</source>
        <translation>新建记录(&amp;N)</translation>
    </message>
    <message>
        <source>New &amp;consultation</source>
        <translation>新建咨询登记(&amp;C)</translation>
    </message>
    <message>
        <source>New &amp;application</source>
        <translation>新建法律援助申请(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Check all materials...</source>
        <translation>核查全部材料(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>Backups and &amp;restore...</source>
        <translation>备份与恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>S&amp;ync with the county</source>
        <translation>与县中心同步(&amp;Y)</translation>
    </message>
    <message>
        <source>Send the records to the county and fetch its decisions (Ctrl+Shift+S)</source>
        <translation>把记录发送到县中心并取回县中心的决定（Ctrl+Shift+S）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Export sync bundle to USB...</source>
        <translation>导出同步数据包到U盘…</translation>
    </message>
    <message>
        <source>Import county reply bundle...</source>
        <translation>导入县中心回复包…</translation>
    </message>
    <message>
        <source>Recover this station from the county...</source>
        <translation>从县中心恢复本站数据…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>County roster and indicators...</source>
        <translation>县中心名册与指标…</translation>
    </message>
    <message>
        <source>Audit trail...</source>
        <translation>审计日志…</translation>
    </message>
    <message>
        <source>&amp;Quick guide</source>
        <translation>快速指南(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Station not set up</source>
        <translation>工作站尚未设置</translation>
    </message>
    <message>
        <source>Clerk: %1</source>
        <translation>当班人员：%1</translation>
    </message>
    <message>
        <source>Station head: %1</source>
        <translation>站长：%1</translation>
    </message>
    <message>
        <source>The consultation %1 you were typing (kept at %2) was not saved. Restore it?</source>
        <translation>发现一条未保存的咨询登记%1（自动保存于 %2），是否恢复？</translation>
    </message>
    <message>
        <source>The application %1 you were typing (kept at %2) was not saved. Restore it?</source>
        <translation>发现一份未保存的法律援助申请%1（自动保存于 %2），是否恢复？</translation>
    </message>
    <message>
        <source>(%1 returned by the county)</source>
        <translation>（县中心退回 %1 条）</translation>
    </message>
    <message>
        <source>County (%1)</source>
        <translation>县中心 (%1)</translation>
    </message>
    <message>
        <source>Record not found</source>
        <translation>找不到记录</translation>
    </message>
    <message>
        <source>This record is not on this station (it may have been restored from an older backup).</source>
        <translation>本工作站上没有这条记录（可能是从较早的备份恢复的）。</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Legal-Aid Workstation, version %1
Data folder: %2</source>
        <translation>法律援助工作站，版本 %1
数据文件夹：%2</translation>
    </message>
    <message>
        <source>The record %1 you were typing (kept at %2) was not saved. Restore it?</source>
        <translation>发现一条未保存的记录%1（自动保存于 %2），是否恢复？</translation>
    </message>
    <message>
        <source>Unsaved draft found</source>
        <translation>发现未保存的草稿</translation>
    </message>
    <message>
        <source>“%1” (new)</source>
        <translation>“%1”（新记录）</translation>
    </message>
    <message>
        <source>(new, no name yet)</source>
        <translation>（新记录，尚未填写姓名）</translation>
    </message>
    <message>
        <source>Sync running</source>
        <translation>正在同步</translation>
    </message>
    <message>
        <source>A sync with the county is running. Try again when it has finished.</source>
        <translation>正在与县中心同步，请在同步完成后再试。</translation>
    </message>
</context>
<context>
    <name>MaterialPreview</name>
    <message>
        <source>Fetching the file from the county&apos;s server...</source>
        <translation>正在从县中心服务器取回文件……</translation>
    </message>
</context>
<context>
    <name>MeasuresPage</name>
    <message>
        <source>The whole county</source>
        <translation>全县</translation>
    </message>
    <message>
        <source>Township or station</source>
        <translation>乡镇或工作站</translation>
    </message>
    <message>
        <source>Enter or a double click lists the applications behind the figure</source>
        <translation>按 Enter 或双击，列出该数字所计的申请</translation>
    </message>
    <message>
        <source>By month</source>
        <translation>按月</translation>
    </message>
    <message>
        <source>By township</source>
        <translation>按乡镇</translation>
    </message>
    <message>
        <source>Chart:</source>
        <translation>图表：</translation>
    </message>
    <message>
        <source>Counting...</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>%1 to %2, every station&apos;s records at the county.</source>
        <translation>%1 至 %2，县中心收到的各工作站记录。</translation>
    </message>
    <message>
        <source>The registered population of %1 is not set (the administrator sets it on the Townships page): cases per 10,000 residents cannot be measured there.</source>
        <translation>%1 的户籍人口尚未设置（由系统管理员在“乡镇人口”页设置），无法计算这些乡镇的每万户籍人口案件数。</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <source>Roster member</source>
        <translation>名册人员</translation>
    </message>
    <message>
        <source>Familiar with minors&apos; cases</source>
        <translation>熟悉未成年人案件</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Firm or unit</source>
        <translation>执业机构或单位</translation>
    </message>
    <message>
        <source>Years of practice</source>
        <translation>执业年限</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Enter the number and the name.</source>
        <translation>请填写编号和姓名。</translation>
    </message>
</context>
<context>
    <name>NewPasswordFields</name>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <source>At least %1 characters</source>
        <translation>至少 %1 个字符</translation>
    </message>
    <message>
        <source>A password needs at least %1 characters.</source>
        <translation>密码至少需要 %1 个字符。</translation>
    </message>
    <message>
        <source>The two passwords differ. Type the same password twice.</source>
        <translation>两次输入的密码不一致，请输入相同的密码。</translation>
    </message>
</context>
<context>
    <name>OutreachEventForm</name>
    <message>
        <source>New outreach event</source>
        <translation>新建外出服务活动</translation>
    </message>
    <message>
        <source>Outreach event</source>
        <translation>外出服务活动</translation>
    </message>
    <message>
        <source>Enter consultations... (Ctrl+Shift+Q)</source>
        <translation>录入咨询…（Ctrl+Shift+Q）</translation>
    </message>
    <message>
        <source>Enter the consultations taken at this event one after another, by keyboard</source>
        <translation>用键盘逐条录入本次活动中的咨询</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>活动</translation>
    </message>
</context>
<context>
    <name>Pager</name>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>办事员</translation>
    </message>
    <message>
        <source>Station head</source>
        <translation>站长</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <source>This year</source>
        <translation>本年</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>上一年</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <source>Last quarter</source>
        <translation>上季度</translation>
    </message>
    <message>
        <source>This half-year</source>
        <translation>本半年</translation>
    </message>
    <message>
        <source>Dates below</source>
        <translation>自定日期</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>期间：</translation>
    </message>
</context>
<context>
    <name>PersonLookup</name>
    <message>
        <source>Returning person? Type a name, ID number or phone</source>
        <translation>曾来访过？输入姓名、证件号码或电话查找</translation>
    </message>
    <message>
        <source>Find a returning person</source>
        <translation>查找当事人</translation>
    </message>
    <message>
        <source>Unlink</source>
        <translation>取消关联</translation>
    </message>
    <message>
        <source>Find person:</source>
        <translation>查找当事人：</translation>
    </message>
    <message>
        <source>Linked to %1</source>
        <translation>已关联：%1</translation>
    </message>
</context>
<context>
    <name>PlanWidgets</name>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>met</source>
        <translation>达标</translation>
    </message>
    <message>
        <source>not met</source>
        <translation>未达标</translation>
    </message>
    <message>
        <source>%1 record(s) counted; click to list them</source>
        <translation>计入 %1 条记录；点击查看</translation>
    </message>
</context>
<context>
    <name>PrintDialogs</name>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <source>Save as PDF...</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Save the signed PDF as the station issued it (for e-mail or the archive)</source>
        <translation>保存工作站签发的、带数字签名的 PDF（用于发送或存档）</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Preparing %1...</source>
        <translation>正在生成%1…</translation>
    </message>
    <message>
        <source>%1 could not be made.</source>
        <translation>无法生成%1。</translation>
    </message>
    <message>
        <source>Case file %1</source>
        <translation>卷宗 %1</translation>
    </message>
    <message>
        <source>Assembling the case file %1...</source>
        <translation>正在组卷 %1…</translation>
    </message>
    <message>
        <source>The case file could not be made.</source>
        <translation>无法生成卷宗。</translation>
    </message>
    <message numerus="yes">
        <source>Preparing %1 for %n record(s)...</source>
        <translation>
            <numerusform>正在为 %n 条记录生成%1…</numerusform>
        </translation>
    </message>
    <message>
        <source>The preview could not be shown.</source>
        <translation>无法显示打印预览。</translation>
    </message>
    <message>
        <source>Printing...</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Not printed.</source>
        <translation>未能打印。</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>The PDF could not be saved to %1: %2</source>
        <translation>PDF 无法保存到 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) left out: voided, or the form does not apply to them.</source>
        <translation>
            <numerusform>有 %n 条记录未打印：已作废，或该表格不适用。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n form(s) could not be made:</source>
        <translation>
            <numerusform>有 %n 份表格无法生成：</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to print</source>
        <translation>没有可打印的内容</translation>
    </message>
    <message>
        <source>%1 was not made for any of the selected records.</source>
        <translation>选中的记录均未生成%1。</translation>
    </message>
    <message>
        <source>Print several records</source>
        <translation>批量打印</translation>
    </message>
    <message numerus="yes">
        <source>%n form(s) ready to print.</source>
        <translation>
            <numerusform>已生成 %n 份表格，可以打印。</numerusform>
        </translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Another print job is still running. Try again when it has finished.</source>
        <translation>另一项打印任务尚未完成，请完成后再试。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message numerus="yes">
        <source>Printing was cancelled after %n page(s). Pages already sent to the printer may still come out.</source>
        <translation>
            <numerusform>已在打印 %n 页后取消。已送到打印机的页面可能仍会打出。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled: nothing was printed or saved.</source>
        <translation>已取消，未打印或保存任何内容。</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>The printer did not start the job.</source>
        <translation>打印机未能开始打印。</translation>
    </message>
    <message>
        <source>The printer stopped taking pages.</source>
        <translation>打印机中途停止接收页面。</translation>
    </message>
    <message>
        <source>Not printed</source>
        <translation>未打印</translation>
    </message>
    <message>
        <source>Check that the printer is switched on, connected and has paper, then print again.</source>
        <translation>请检查打印机是否已开机、已连接、有纸，然后重新打印。</translation>
    </message>
    <message>
        <source>Check the record and the station settings (fonts, seal), then try again.</source>
        <translation>请检查记录内容和工作站设置（字体、印章）后重试。</translation>
    </message>
</context>
<context>
    <name>Problem</name>
    <message>
        <source>the disk is full</source>
        <translation>磁盘空间不足</translation>
    </message>
    <message>
        <source>there is no permission to read or write it</source>
        <translation>没有读写权限</translation>
    </message>
    <message>
        <source>the disk or folder is read-only</source>
        <translation>磁盘或文件夹是只读的</translation>
    </message>
    <message>
        <source>the file or folder cannot be found</source>
        <translation>找不到该文件或文件夹</translation>
    </message>
    <message>
        <source>it is a folder, not a file</source>
        <translation>这是一个文件夹，不是文件</translation>
    </message>
    <message>
        <source>a part of its path is not a folder</source>
        <translation>路径中有一部分不是文件夹</translation>
    </message>
    <message>
        <source>a file of that name exists already</source>
        <translation>同名文件已存在</translation>
    </message>
    <message>
        <source>another program is using it; close it there and try again</source>
        <translation>文件正被其他程序使用，请在那个程序中关闭后重试</translation>
    </message>
    <message>
        <source>its name or path is too long</source>
        <translation>文件名或路径太长</translation>
    </message>
    <message>
        <source>the name is not valid for a file</source>
        <translation>文件名无效</translation>
    </message>
    <message>
        <source>the disk could not be read or written (the disk or USB drive may be failing)</source>
        <translation>磁盘读写出错（磁盘或 U 盘可能有故障）</translation>
    </message>
    <message>
        <source>the drive is not there (was the USB drive taken out?)</source>
        <translation>找不到该驱动器（U 盘是否已拔出？）</translation>
    </message>
    <message>
        <source>too many files are open; close some programs and try again</source>
        <translation>打开的文件太多，请关闭一些程序后重试</translation>
    </message>
    <message>
        <source>it took too long to answer</source>
        <translation>等待应答超时</translation>
    </message>
    <message>
        <source>the connection was refused or cut off</source>
        <translation>连接被拒绝或中断</translation>
    </message>
    <message>
        <source>the secure connection failed (a certificate that does not match, or something between intercepts the connection)</source>
        <translation>加密连接失败（证书不符，或连接被中途拦截）</translation>
    </message>
    <message>
        <source>the system refused to read or write it</source>
        <translation>系统拒绝了读写操作</translation>
    </message>
    <message>
        <source>its text is not in the UTF-8 encoding</source>
        <translation>文字编码不是 UTF-8</translation>
    </message>
    <message>
        <source>its content is damaged or not in the expected format</source>
        <translation>内容已损坏或格式不对</translation>
    </message>
    <message>
        <source>it is not a valid ZIP file, or it is damaged</source>
        <translation>不是有效的 ZIP 文件，或已损坏</translation>
    </message>
    <message>
        <source>it cannot be read as a CSV table (check its quotation marks)</source>
        <translation>无法按 CSV 表格读取（请检查其中的引号）</translation>
    </message>
    <message>
        <source>the database is damaged or is not a station database</source>
        <translation>数据库已损坏，或不是工作站的数据库</translation>
    </message>
    <message>
        <source>the database is busy in another window or program</source>
        <translation>数据库正被另一个窗口或程序使用</translation>
    </message>
    <message>
        <source>the database was made by a newer version of the program</source>
        <translation>该数据库由更新版本的程序创建</translation>
    </message>
    <message>
        <source>the database&apos;s own check found damaged pages in it</source>
        <translation>数据库自检发现其中有损坏的页面</translation>
    </message>
    <message>
        <source>this station&apos;s key does not open it (the station is not signed in here, or its key file is damaged)</source>
        <translation>本工作站的密钥无法打开它（未在此登录该工作站，或密钥文件已损坏）</translation>
    </message>
    <message>
        <source>it was stopped before the end</source>
        <translation>操作在完成前被停止</translation>
    </message>
    <message>
        <source>the computer ran out of memory</source>
        <translation>计算机内存不足</translation>
    </message>
    <message>
        <source>an unexpected error; the details were written to the log</source>
        <translation>程序出现意外错误，详细信息已写入日志</translation>
    </message>
    <message>
        <source>the database file cannot be opened (does its folder exist, and may it be written?)</source>
        <translation>数据库文件无法打开（请检查其所在文件夹是否存在、能否写入）</translation>
    </message>
    <message>
        <source>the database reported an unexpected error; the details were written to the log</source>
        <translation>数据库出现意外错误，详细情况已写入日志</translation>
    </message>
    <message>
        <source>too many backups were made in the same second; wait a moment and try again</source>
        <translation>同一秒内生成的备份过多，请稍候再试</translation>
    </message>
</context>
<context>
    <name>QualityEvaluationForm</name>
    <message>
        <source>New quality evaluation</source>
        <translation>新建质量评查</translation>
    </message>
    <message>
        <source>Quality evaluation</source>
        <translation>质量评查</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评查</translation>
    </message>
    <message>
        <source>Items of the county&apos;s scheme</source>
        <translation>评查项目（县评查标准）</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>质量等次</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Case type</source>
        <translation>案件类型</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>特殊群体</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到时间</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <source>Number, name or ID number (Ctrl+F)</source>
        <translation>编号、姓名或身份证号（Ctrl+F）</translation>
    </message>
    <message>
        <source>All stations</source>
        <translation>全部工作站</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>To decide (awaiting review or accepted)</source>
        <translation>待决定（待审查及已受理）</translation>
    </message>
    <message>
        <source>Any case type</source>
        <translation>全部案件类型</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>全部人群</translation>
    </message>
    <message>
        <source>Any deadline</source>
        <translation>全部期限</translation>
    </message>
    <message>
        <source>To decide %1</source>
        <translation>待决定 %1</translation>
    </message>
    <message>
        <source>Awaiting materials %1</source>
        <translation>待补充材料 %1</translation>
    </message>
    <message>
        <source>To assign %1</source>
        <translation>待指派 %1</translation>
    </message>
    <message>
        <source>In progress %1</source>
        <translation>在办 %1</translation>
    </message>
    <message>
        <source>Overdue %1</source>
        <translation>已逾期 %1</translation>
    </message>
    <message>
        <source>Urgent %1</source>
        <translation>紧急 %1</translation>
    </message>
    <message>
        <source>Withdrawn, materials not supplied %1</source>
        <translation>视为撤回 %1</translation>
    </message>
    <message>
        <source>Click a count to list the applications it counts.</source>
        <translation>点击数字，列出其统计的全部申请。</translation>
    </message>
    <message>
        <source>%1 applications</source>
        <translation>共 %1 件申请</translation>
    </message>
</context>
<context>
    <name>QuickConsultations</name>
    <message>
        <source>Consultations at %1</source>
        <translation>录入咨询：%1</translation>
    </message>
    <message>
        <source>Empty: anonymous</source>
        <translation>不填即为匿名</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Enter saves and starts the next</source>
        <translation>回车保存并录入下一条</translation>
    </message>
    <message>
        <source>Follow-up needed</source>
        <translation>需要回访</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Special group:</source>
        <translation>特殊群体：</translation>
    </message>
    <message>
        <source>Matter:</source>
        <translation>事项类别：</translation>
    </message>
    <message>
        <source>Question:</source>
        <translation>咨询问题：</translation>
    </message>
    <message>
        <source>Answer given:</source>
        <translation>解答意见：</translation>
    </message>
    <message>
        <source>Save and next (Enter)</source>
        <translation>保存并录入下一条（回车）</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message numerus="yes">
        <source>%n consultation(s) entered</source>
        <translation>
            <numerusform>已录入 %n 条咨询</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordEditor</name>
    <message>
        <source>Back to the list</source>
        <translation>返回列表</translation>
    </message>
    <message>
        <source>Void...</source>
        <translation>作废…</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>County decisions</source>
        <translation>县中心决定</translation>
    </message>
    <message>
        <source>County</source>
        <translation>县中心</translation>
    </message>
    <message>
        <source>County status: not sent yet</source>
        <translation>县中心状态：尚未发送</translation>
    </message>
    <message>
        <source>County status: %1</source>
        <translation>县中心状态：%1</translation>
    </message>
    <message>
        <source>No decision from the county yet</source>
        <translation>县中心尚未作出决定</translation>
    </message>
    <message>
        <source>Void record</source>
        <translation>作废记录</translation>
    </message>
    <message>
        <source>Why is this record wrong? The record stays, marked void, with its history.</source>
        <translation>请填写作废原因（此记录错在哪里）。记录不会删除，将标记为作废并保留历史。</translation>
    </message>
    <message>
        <source>Write why the record is voided: the reason stays in its history.</source>
        <translation>请写明作废的原因：原因会保存在记录的历史中。</translation>
    </message>
    <message>
        <source>Not voided</source>
        <translation>未能作废</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Print forms of this record</source>
        <translation>打印本记录的表格</translation>
    </message>
    <message>
        <source>Preview, print or save as PDF the forms of this record</source>
        <translation>预览、打印本记录的表格，或另存为 PDF</translation>
    </message>
    <message>
        <source>Print receipt</source>
        <translation>打印接收凭证</translation>
    </message>
    <message>
        <source>Print the receipt for the application materials for the applicant</source>
        <translation>为申请人打印法律援助申请材料接收凭证</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>已保存为 %1</translation>
    </message>
    <message>
        <source>Preview...</source>
        <translation>预览…</translation>
    </message>
    <message>
        <source>Print...</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF...</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>This record is void: its forms are not printed</source>
        <translation>本记录已作废，不打印其表格</translation>
    </message>
    <message>
        <source>Case file (cover, contents, forms, materials)</source>
        <translation>卷宗（封面、目录、表格、材料）</translation>
    </message>
    <message>
        <source>Save the record to print its forms</source>
        <translation>保存记录后才能打印其表格</translation>
    </message>
    <message>
        <source>Blank forms (to fill in by hand)</source>
        <translation>空白表格（手工填写）</translation>
    </message>
    <message>
        <source>This record has changes that are not saved. Forms are printed from the saved record: save the changes first?</source>
        <translation>本记录有未保存的修改。表格按已保存的记录打印：先保存修改吗？</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>尚未保存</translation>
    </message>
    <message>
        <source>Version %1, saved %2 by %3</source>
        <translation>第 %1 版，%3 于 %2 保存</translation>
    </message>
    <message>
        <source>VOID since %1 (voided by %2). Reason: %3</source>
        <translation>已作废：%1 由 %2 作废。原因：%3</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message numerus="yes">
        <source>Not saved: %n problem(s)</source>
        <translation>
            <numerusform>未保存：有 %n 处问题</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordListModel</name>
    <message>
        <source>Time</source>
        <translation>咨询时间</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <source>Matter</source>
        <translation>事项类别</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <source>Case type</source>
        <translation>案件类型</translation>
    </message>
    <message>
        <source>Eligibility</source>
        <translation>援助条件</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>办理状态</translation>
    </message>
    <message>
        <source>This record is void.</source>
        <translation>此记录已作废。</translation>
    </message>
    <message>
        <source>Urgent: aid before review (Art. 44).</source>
        <translation>情况紧急：先行提供法律援助（第四十四条）。</translation>
    </message>
</context>
<context>
    <name>RecordListPage</name>
    <message>
        <source>Search name, ID number, phone or any text</source>
        <translation>搜索姓名、证件号码、电话或任意文字</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>New record</source>
        <translation>新建记录</translation>
    </message>
    <message>
        <source>Print...</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Print the selected records</source>
        <translation>打印选中的记录</translation>
    </message>
    <message>
        <source>Print one form for each selected record (select several with Ctrl or Shift)</source>
        <translation>为每条选中的记录打印一份表格（按住 Ctrl 或 Shift 可多选）</translation>
    </message>
    <message>
        <source>Number of records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>From</source>
        <translation>自</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Only records from a date on</source>
        <translation>仅显示自某日起的记录</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Only records up to a date</source>
        <translation>仅显示截至某日的记录</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <source>Matter</source>
        <translation>事项类别</translation>
    </message>
    <message>
        <source>Case type</source>
        <translation>案件类型</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>办理状态</translation>
    </message>
    <message>
        <source>Special group</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Include voided</source>
        <translation>含已作废</translation>
    </message>
    <message>
        <source>Include voided records</source>
        <translation>包含已作废的记录</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录列表</translation>
    </message>
    <message>
        <source>The list could not be read</source>
        <translation>无法读取列表</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>共 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>No records yet. Press &quot;New&quot; to record the first one.</source>
        <translation>暂无记录。点击“新建”登记第一条。</translation>
    </message>
    <message>
        <source>No records match the search and filters.</source>
        <translation>没有符合搜索和筛选条件的记录。</translation>
    </message>
    <message>
        <source>The list could not be read.</source>
        <translation>无法读取列表。</translation>
    </message>
</context>
<context>
    <name>RecordWorkspace</name>
    <message>
        <source>Unsaved changes</source>
        <translation>有未保存的修改</translation>
    </message>
    <message>
        <source>This record has changes that are not saved. Save them now?</source>
        <translation>此记录有尚未保存的修改，是否现在保存？</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>The station&apos;s recovery key</source>
        <translation>工作站恢复密钥</translation>
    </message>
    <message>
        <source>This recovery key opens the station when every password is forgotten. It is shown only this once. Print it (or write it down), sign the sheet and lock it away, not with the laptop.</source>
        <translation>所有密码都忘记时，可用此恢复密钥打开工作站。它只显示这一次。请打印（或抄写）后签字，锁好保管，不要与电脑放在一起。</translation>
    </message>
    <message>
        <source>Print...</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>I have printed or written down the recovery key and keep it safe</source>
        <translation>已打印或抄写恢复密钥并妥善保管</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Legal-Aid Workstation: recovery key</source>
        <translation>法律援助工作站恢复密钥</translation>
    </message>
    <message>
        <source>Station: %1</source>
        <translation>工作站：%1</translation>
    </message>
    <message>
        <source>Whoever holds this key can open every record of the station. Keep it locked away, apart from the laptop. When every password is forgotten, the sign-in window takes it to set a new one.</source>
        <translation>持有此密钥即可打开本工作站的全部记录。请锁好保管，不要与电脑放在一起。所有密码都忘记时，在登录窗口用它设置新密码。</translation>
    </message>
    <message>
        <source>Kept by (signature and date): ____________________</source>
        <translation>保管人（签字及日期）：____________________</translation>
    </message>
</context>
<context>
    <name>RecoveryResetDialog</name>
    <message>
        <source>Reset a password with the recovery key</source>
        <translation>用恢复密钥重设密码</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>恢复密钥</translation>
    </message>
    <message>
        <source>County&apos;s recovery file...</source>
        <translation>县中心恢复文件…</translation>
    </message>
    <message>
        <source>The recovery key is lost too: the county center makes a recovery file for this station when its key is escrowed with the county</source>
        <translation>恢复密钥也丢失时：本站密钥已托管给县中心的，县中心可为本站制作恢复文件</translation>
    </message>
    <message>
        <source>The county&apos;s recovery file</source>
        <translation>县中心恢复文件</translation>
    </message>
    <message>
        <source>Recovery files (*.recovery);;All files (*)</source>
        <translation>恢复文件 (*.recovery);;所有文件 (*)</translation>
    </message>
    <message>
        <source>One-time key from the county</source>
        <translation>县中心给出的一次性密钥</translation>
    </message>
    <message>
        <source>County&apos;s recovery file for %1 (%2), made %3 by %4. Type the one-time key the county gave apart from the file.</source>
        <translation>县中心为 %1（%2）制作的恢复文件，%3 由 %4 制作。请输入县中心另行给出的一次性密钥。</translation>
    </message>
</context>
<context>
    <name>ReferenceDialog</name>
    <message>
        <source>County roster and indicators</source>
        <translation>县中心名册与指标</translation>
    </message>
    <message>
        <source>This township&apos;s indicator (work plan: cases a year per 10,000 registered residents)</source>
        <translation>本乡镇指标（工作要点：每万名户籍人口每年法律援助案件数）</translation>
    </message>
    <message>
        <source>Township:</source>
        <translation>乡镇：</translation>
    </message>
    <message>
        <source>Registered population:</source>
        <translation>户籍人口：</translation>
    </message>
    <message>
        <source>List these cases...</source>
        <translation>列出这些案件…</translation>
    </message>
    <message>
        <source>Cases per 10,000 residents:</source>
        <translation>每万人案件数：</translation>
    </message>
    <message>
        <source>Filter by name, organisation, kind or phone</source>
        <translation>按姓名、执业机构、类别或电话筛选</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Firm or organisation</source>
        <translation>执业机构</translation>
    </message>
    <message>
        <source>Years of practice</source>
        <translation>执业年限</translation>
    </message>
    <message>
        <source>Familiar with minors&apos; cases</source>
        <translation>熟悉未成年人案件</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>The roster has not been fetched from the county yet; please sync first.</source>
        <translation>尚未从县中心获取名册，请先同步。</translation>
    </message>
    <message>
        <source>Counting...</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>No data from the county yet.</source>
        <translation>尚无县中心数据。</translation>
    </message>
    <message>
        <source>County data version %1, changed at the county on %2; received on %3.</source>
        <translation>县中心数据第 %1 版，县中心更新于 %2，本机获取于 %3。</translation>
    </message>
    <message>
        <source>Cases received from %1 to %2 (not voided or refused):</source>
        <translation>%1 至 %2 受理案件数（不含作废、不予援助）：</translation>
    </message>
    <message>
        <source>%1 a year at this pace (target %2): reached</source>
        <translation>%1（按本年至今折算全年，目标 %2）：已达标</translation>
    </message>
    <message>
        <source>%1 a year at this pace (target %2): %3 more cases needed this year (%4 in all)</source>
        <translation>%1（按本年至今折算全年，目标 %2）：本年还需 %3 件（全年共需 %4 件）</translation>
    </message>
    <message>
        <source>Not set: enter the township in Settings.</source>
        <translation>未设置：请在“设置”中填写所在乡镇。</translation>
    </message>
    <message>
        <source>Not yet fetched from the county; please sync first.</source>
        <translation>尚未从县中心获取，请先同步。</translation>
    </message>
    <message>
        <source>The county has not given the registered population of %1.</source>
        <translation>县中心尚未提供%1的户籍人口数。</translation>
    </message>
    <message>
        <source>Lawyer</source>
        <translation>律师</translation>
    </message>
    <message>
        <source>Law firm</source>
        <translation>律师事务所</translation>
    </message>
    <message>
        <source>Legal-aid center staff</source>
        <translation>法律援助中心工作人员</translation>
    </message>
    <message>
        <source>The county&apos;s roster has no active members.</source>
        <translation>县中心名册中暂无在册人员。</translation>
    </message>
    <message>
        <source>Showing %1 of %2</source>
        <translation>共 %2 条，显示 %1 条</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>Number</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Share (%)</source>
        <translation>占比（%）</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>{scope}, {start} to {end}</source>
        <translation>{scope}&#x3000;{start} 至 {end}</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>总体情况</translation>
    </message>
    <message>
        <source>Hotline consultations</source>
        <translation>热线咨询量</translation>
    </message>
    <message>
        <source>Anonymous callers</source>
        <translation>匿名来电</translation>
    </message>
    <message>
        <source>Minutes answering</source>
        <translation>解答时长（分钟）</translation>
    </message>
    <message>
        <source>Turned into applications</source>
        <translation>转为法律援助申请</translation>
    </message>
    <message>
        <source>Referred elsewhere</source>
        <translation>转介其他部门</translation>
    </message>
    <message>
        <source>Follow-up needed</source>
        <translation>需要回访</translation>
    </message>
    <message>
        <source>By matter (opinion analysis: what callers ask about)</source>
        <translation>按咨询事项（舆情分析：群众关注的问题）</translation>
    </message>
    <message>
        <source>By month</source>
        <translation>按月份</translation>
    </message>
    <message>
        <source>Callers of special groups</source>
        <translation>特殊群体来电</translation>
    </message>
    <message>
        <source>12348 legal aid hotline: quarterly statistics</source>
        <translation>12348法律援助热线季度统计</translation>
    </message>
    <message>
        <source>Complaints received</source>
        <translation>受理投诉</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>已答复</translation>
    </message>
    <message>
        <source>Answered within {days} days</source>
        <translation>{days}日内答复</translation>
    </message>
    <message>
        <source>Not answered yet</source>
        <translation>尚未答复</translation>
    </message>
    <message>
        <source>Complainant: {level}</source>
        <translation>投诉人{level}</translation>
    </message>
    <message>
        <source>By channel</source>
        <translation>按投诉方式</translation>
    </message>
    <message>
        <source>By whom the complaint is against</source>
        <translation>按被投诉对象</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>投诉台账</translation>
    </message>
    <message>
        <source>Legal aid complaints: half-yearly report</source>
        <translation>法律援助投诉处理情况半年报告</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Applications received</source>
        <translation>收到申请</translation>
    </message>
    <message>
        <source>Granted</source>
        <translation>决定给予</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>不予援助</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>指派</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>Cases by month</source>
        <translation>分月案件情况</translation>
    </message>
    <message>
        <source>Legal aid case statistics</source>
        <translation>法律援助案件统计表</translation>
    </message>
    <message>
        <source>Closed cases</source>
        <translation>已结案件</translation>
    </message>
    <message>
        <source>Typical case information</source>
        <translation>典型案例信息</translation>
    </message>
    <message>
        <source>Township or station</source>
        <translation>乡镇或工作站</translation>
    </message>
    <message>
        <source>The work plan&apos;s measures</source>
        <translation>工作要点指标</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>是否达标</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>计入数</translation>
    </message>
    <message>
        <source>Of</source>
        <translation>基数</translation>
    </message>
    <message>
        <source>By township or station</source>
        <translation>分乡镇（工作站）</translation>
    </message>
    <message>
        <source>Legal aid work plan: measures</source>
        <translation>法律援助工作要点指标完成情况</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Litigation case</source>
        <translation>诉讼案件</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>12348 hotline quarterly statistics</source>
        <translation>12348热线季度统计</translation>
    </message>
    <message>
        <source>Complaints half-yearly report</source>
        <translation>投诉处理半年报告</translation>
    </message>
    <message>
        <source>Case statistics by month</source>
        <translation>分月案件统计</translation>
    </message>
    <message>
        <source>Typical cases</source>
        <translation>典型案例信息</translation>
    </message>
    <message>
        <source>The plan&apos;s measures, by township</source>
        <translation>工作要点指标（分乡镇）</translation>
    </message>
    <message>
        <source>A list of records</source>
        <translation>记录列表</translation>
    </message>
    <message>
        <source>Applications</source>
        <translation>法律援助申请</translation>
    </message>
    <message>
        <source>Consultations</source>
        <translation>咨询</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Closure reports</source>
        <translation>结案报告</translation>
    </message>
    <message>
        <source>Follow-up visits</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Court attendance</source>
        <translation>旁听庭审</translation>
    </message>
    <message>
        <source>Quality evaluations</source>
        <translation>质量评查</translation>
    </message>
    <message>
        <source>Outreach events</source>
        <translation>外出服务</translation>
    </message>
    <message>
        <source>Excel (.xlsx)</source>
        <translation>Excel 文件（.xlsx）</translation>
    </message>
    <message>
        <source>PDF (.pdf)</source>
        <translation>PDF 文件（.pdf）</translation>
    </message>
    <message>
        <source>CSV (.csv)</source>
        <translation>CSV 文件（.csv）</translation>
    </message>
    <message>
        <source>Save report...</source>
        <translation>保存报表…</translation>
    </message>
    <message>
        <source>Report:</source>
        <translation>报表：</translation>
    </message>
    <message>
        <source>List:</source>
        <translation>列表：</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Every station&apos;s records at the county, voided ones never; the same file as the county server&apos;s report command writes.</source>
        <translation>统计县中心收到的各工作站记录，已作废的不计；与县服务器 report 命令生成的文件相同。</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>保存报表</translation>
    </message>
    <message>
        <source>The county server is making the report...</source>
        <translation>县服务器正在生成报表…</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>已保存为 %1</translation>
    </message>
    <message>
        <source>The report could not be written: %1</source>
        <translation>报表无法写入：%1</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Reviewer</source>
        <translation>审查人员</translation>
    </message>
    <message>
        <source>Head of the center</source>
        <translation>中心负责人</translation>
    </message>
    <message>
        <source>Assignment and case management</source>
        <translation>指派/案件管理人员</translation>
    </message>
    <message>
        <source>Archivist</source>
        <translation>档案管理人员</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Only these roles may do this: %1</source>
        <translation>只有以下角色可以进行此操作：%1</translation>
    </message>
</context>
<context>
    <name>Roster</name>
    <message>
        <source>Lawyer</source>
        <translation>律师</translation>
    </message>
    <message>
        <source>Law firm</source>
        <translation>律师事务所</translation>
    </message>
    <message>
        <source>Legal-aid center staff</source>
        <translation>法律援助中心工作人员</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Add...</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Edit...</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Deactivate...</source>
        <translation>停用…</translation>
    </message>
    <message>
        <source>Import roster file...</source>
        <translation>导入名册文件…</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Firm or unit</source>
        <translation>执业机构或单位</translation>
    </message>
    <message>
        <source>Years of practice</source>
        <translation>执业年限</translation>
    </message>
    <message>
        <source>Familiar with minors&apos; cases</source>
        <translation>熟悉未成年人案件</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>在办案件</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在册</translation>
    </message>
    <message>
        <source>Choose a member first.</source>
        <translation>请先选择一名人员。</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Take %1 off the active roster? Cases already assigned stay as they are.</source>
        <translation>将%1停用？已指派的案件不受影响。</translation>
    </message>
    <message>
        <source>Import roster file</source>
        <translation>导入名册文件</translation>
    </message>
    <message>
        <source>Roster CSV (*.csv);;All files (*)</source>
        <translation>名册 CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1 is larger than a roster can be (%2 KiB).</source>
        <translation>%1 超过名册应有的大小（%2 KiB）。</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Importing %1...</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>Roster imported: %1 added, %2 updated, %3 unchanged. The stations receive it at their next sync.</source>
        <translation>名册已导入：新增 %1 人，更新 %2 人，未变 %3 人。各工作站将在下次同步时收到。</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>... and %1 more</source>
        <translation>……另有 %1 行</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>void a record</source>
        <translation>作废记录</translation>
    </message>
    <message>
        <source>export data</source>
        <translation>导出数据</translation>
    </message>
    <message>
        <source>restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>change the station&apos;s settings</source>
        <translation>修改工作站设置</translation>
    </message>
    <message>
        <source>manage the accounts</source>
        <translation>管理账户</translation>
    </message>
    <message>
        <source>read the audit trail</source>
        <translation>查看审计日志</translation>
    </message>
    <message>
        <source>Only the station head may do this</source>
        <translation>只有站长可以操作</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to the Legal-Aid Workstation</source>
        <translation>登录法律援助工作站</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>SignInPanel</name>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Forgot the password? Use the recovery key...</source>
        <translation>忘记密码？使用恢复密钥…</translation>
    </message>
</context>
<context>
    <name>StationBackups</name>
    <message>
        <source>%1, %2 MB: %3 consultations, %4 applications, %5 attachment files</source>
        <translation>%1，%2 MB：咨询登记 %3 条，法律援助申请 %4 件，附件文件 %5 个</translation>
    </message>
    <message>
        <source>The daily backup failed.</source>
        <translation>每日备份失败。</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Backing up the work of this session before the program closes...</source>
        <translation>关闭程序前，正在备份本次的工作……</translation>
    </message>
    <message>
        <source>The backup before closing could not be made; the work is safe in the station&apos;s database and is backed up at the next start.</source>
        <translation>关闭前的备份没有完成；工作已保存在工作站的数据库中，下次启动后会再备份。</translation>
    </message>
    <message>
        <source>Automatic backups: the first once %1 changes are saved, then once a day while there is new work, and when the program closes with work no backup holds yet.</source>
        <translation>自动备份：保存了%1项更改后进行第一次备份，此后有新工作时每天备份一次；关闭程序时，如有尚未备份的工作，也会先备份。</translation>
    </message>
    <message>
        <source>No backup yet: %1 changes saved so far.</source>
        <translation>还没有备份：目前已保存%1项更改。</translation>
    </message>
    <message>
        <source>Last backup %1; %2 changes saved since.</source>
        <translation>上次备份：%1；此后已保存%2项更改。</translation>
    </message>
    <message>
        <source>Automatic backup made: %1</source>
        <translation>已自动备份：%1</translation>
    </message>
    <message>
        <source>The daily backup could not be made. The program tries again every hour.</source>
        <translation>未能完成每日备份。程序会每小时重试一次。</translation>
    </message>
    <message>
        <source>A backup is already being made. Wait until it is finished.</source>
        <translation>正在进行备份，请等备份完成。</translation>
    </message>
    <message>
        <source>Making a backup...</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backup made: %1</source>
        <translation>备份完成：%1</translation>
    </message>
    <message>
        <source>The backup was made and checked:
%1

It is in %2.</source>
        <translation>备份已完成并通过校验：
%1

备份位于 %2。</translation>
    </message>
    <message>
        <source>A copy is in %1.</source>
        <translation>另有一份副本位于 %1。</translation>
    </message>
    <message>
        <source>Backup cancelled; nothing was left behind.</source>
        <translation>已取消备份，未留下任何文件。</translation>
    </message>
    <message>
        <source>The backup was not made.</source>
        <translation>未能完成备份。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>A backup is being made. Wait until it is finished.</source>
        <translation>正在进行备份，请等备份完成。</translation>
    </message>
    <message>
        <source>Checking the backup...</source>
        <translation>正在校验备份…</translation>
    </message>
    <message>
        <source>This backup is damaged and cannot be restored. Nothing was changed; choose another backup.</source>
        <translation>此备份已损坏，无法恢复。未作任何改动；请选择其他备份。</translation>
    </message>
    <message>
        <source>The backup could not be checked.</source>
        <translation>无法校验此备份。</translation>
    </message>
    <message>
        <source>Restore the backup of %1?

%2

Everything recorded after %1 will no longer be in the program. The current database is kept in the data folder (station.db.before-restore-...). The program closes after the restore; then start it again.</source>
        <translation>是否恢复 %1 的备份？

%2

%1 之后登记的所有内容将不再保留在程序中。当前数据库会保存在数据文件夹中（station.db.before-restore-...）。恢复完成后程序会关闭，请再重新启动。</translation>
    </message>
    <message>
        <source>Restoring the backup...</source>
        <translation>正在恢复备份…</translation>
    </message>
    <message>
        <source>The backup of %1 was restored.</source>
        <translation>已恢复 %1 的备份。</translation>
    </message>
    <message>
        <source>The database it replaced is kept as %1.</source>
        <translation>被替换的数据库已保存为 %1。</translation>
    </message>
    <message>
        <source>The program will now close. Start it again to go on working.</source>
        <translation>程序现在将关闭。请重新启动程序继续工作。</translation>
    </message>
    <message>
        <source>The backup was not restored. The program will now close; start it again.</source>
        <translation>备份未能恢复。程序现在将关闭，请重新启动。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>StationDetails</name>
    <message>
        <source>The county compares this with the key it enrolled for this station.</source>
        <translation>县法律援助中心会将此指纹与其为本工作站备案的密钥进行核对。</translation>
    </message>
    <message>
        <source>Station code</source>
        <translation>工作站编码</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>工作站名称</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>所在乡镇</translation>
    </message>
    <message>
        <source>County</source>
        <translation>所属县（市、区）</translation>
    </message>
    <message>
        <source>Station phone</source>
        <translation>工作站电话</translation>
    </message>
    <message>
        <source>Printed on the receipt, e.g. 0376-6123456</source>
        <translation>打印在接收凭证上，例如 0376-6123456</translation>
    </message>
    <message>
        <source>Station address</source>
        <translation>工作站地址</translation>
    </message>
    <message>
        <source>Printed on the receipt</source>
        <translation>打印在接收凭证上</translation>
    </message>
    <message>
        <source>County legal-aid center&apos;s phone</source>
        <translation>县法律援助中心电话</translation>
    </message>
    <message>
        <source>Printed on the county&apos;s notices</source>
        <translation>打印在县中心的通知书上</translation>
    </message>
    <message>
        <source>Kind of station</source>
        <translation>工作站类型</translation>
    </message>
    <message>
        <source>Clerks</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>One name per line</source>
        <translation>每行填写一个姓名</translation>
    </message>
    <message>
        <source>Lock after idle minutes</source>
        <translation>无操作锁定（分钟）</translation>
    </message>
    <message>
        <source>Autosave every (seconds)</source>
        <translation>自动保存间隔（秒）</translation>
    </message>
    <message>
        <source>Scanner folder</source>
        <translation>扫描文件夹</translation>
    </message>
    <message>
        <source>Folder the scanner saves to (optional)</source>
        <translation>扫描仪保存文件的文件夹（可不填）</translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Largest attachment (MB)</source>
        <translation>单个附件上限（MB）</translation>
    </message>
    <message>
        <source>Seal picture</source>
        <translation>印章图片</translation>
    </message>
    <message>
        <source>PNG or JPEG of the station&apos;s seal (optional)</source>
        <translation>工作站印章的 PNG 或 JPEG 图片（可选）</translation>
    </message>
    <message>
        <source>The seal printed on forms that carry one</source>
        <translation>盖章表格上打印的印章</translation>
    </message>
    <message>
        <source>Font for printed forms</source>
        <translation>表格打印字体</translation>
    </message>
    <message>
        <source>TrueType file, e.g. C:\Windows\Fonts\simsun.ttc (optional)</source>
        <translation>TrueType 字体文件，如 C:\Windows\Fonts\simsun.ttc（可选）</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>TrueType fonts (*.ttf *.ttc)</source>
        <translation>TrueType 字体 (*.ttf *.ttc)</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Station key fingerprint</source>
        <translation>工作站密钥指纹</translation>
    </message>
    <message>
        <source>Welcome. Enter this station&apos;s details as given by the county before recording.</source>
        <translation>欢迎使用。开始登记前，请按县法律援助中心提供的信息填写本工作站的基本情况。</translation>
    </message>
    <message>
        <source>The county certified this station under code %1 when it enrolled it; the code can no longer change.</source>
        <translation>县中心注册本站时已认证工作站编码 %1，编码不能再更改。</translation>
    </message>
    <message>
        <source>The station code is part of every application number and can no longer change.</source>
        <translation>工作站编码已用于申请编号，不能再修改。</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
</context>
<context>
    <name>StationsPage</name>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>注册时间</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>尚未注册</translation>
    </message>
    <message>
        <source>Last received</source>
        <translation>最近收到数据</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <source>Awaiting decision</source>
        <translation>待决定申请</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>吊销时间</translation>
    </message>
    <message>
        <source>Key escrow</source>
        <translation>密钥托管</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Add a station...</source>
        <translation>添加工作站…</translation>
    </message>
    <message>
        <source>Revoke...</source>
        <translation>吊销…</translation>
    </message>
    <message>
        <source>Recover a station...</source>
        <translation>恢复工作站…</translation>
    </message>
    <message>
        <source>For a station that lost every password and its recovery key, when its key is escrowed with the county</source>
        <translation>用于全部密码和恢复密钥都已丢失、且密钥已托管给县中心的工作站</translation>
    </message>
    <message>
        <source>Station %1 added; its one-time enrollment code is %2. Print the enrollment sheet for the installer now: the code is not shown again.</source>
        <translation>已添加工作站 %1，一次性注册码为 %2。请现在为安装人员打印注册单：注册码不会再次显示。</translation>
    </message>
    <message>
        <source>Enrollment sheet %1</source>
        <translation>注册单 %1</translation>
    </message>
    <message>
        <source>Choose a station first.</source>
        <translation>请先选择一个工作站。</translation>
    </message>
    <message>
        <source>Revoke the station</source>
        <translation>吊销工作站</translation>
    </message>
    <message>
        <source>Revoke station %1? Its laptop can no longer sync; what it sent is kept. Do this for a lost or replaced laptop.</source>
        <translation>吊销工作站 %1？其电脑将不能再同步，已发送的数据保留。用于电脑丢失或更换。</translation>
    </message>
    <message>
        <source>Station %1 has not escrowed its key with the county, so it cannot be recovered here.</source>
        <translation>工作站 %1 没有将密钥托管给县中心，无法在此恢复。</translation>
    </message>
    <message>
        <source>Recover a station</source>
        <translation>恢复工作站</translation>
    </message>
    <message>
        <source>Make a recovery file for station %1? Whoever holds the file and its key opens the station&apos;s data. Do this only when the station head asks for it, every password and the recovery key being lost; it is recorded in the audit log.</source>
        <translation>为工作站 %1 制作恢复文件？持有此文件及其密钥者即可打开该站数据。仅在站长提出请求、且全部密码和恢复密钥都已丢失时制作；此操作记入审计日志。</translation>
    </message>
    <message>
        <source>Save the recovery file</source>
        <translation>保存恢复文件</translation>
    </message>
    <message>
        <source>Recovery files (*.recovery)</source>
        <translation>恢复文件 (*.recovery)</translation>
    </message>
    <message>
        <source>No recovery file was saved; make a new one when needed.</source>
        <translation>未保存恢复文件；需要时请重新制作。</translation>
    </message>
    <message>
        <source>The recovery file could not be saved (%1).</source>
        <translation>恢复文件未能保存（%1）。</translation>
    </message>
    <message>
        <source>Saved the recovery file for station %1 to %2. Its one-time key is:

%3

Give the file and the key to the station head separately (the key on paper or by phone, never with the file). At the station: sign-in window → Forgot the password → County&apos;s recovery file.</source>
        <translation>已将工作站 %1 的恢复文件保存到 %2。其一次性密钥为：

%3

文件和密钥须分开交给站长（密钥写在纸上或电话告知，切勿与文件放在一起）。在工作站：登录窗口 → 忘记密码？使用恢复密钥… → 县中心恢复文件…。</translation>
    </message>
    <message>
        <source>Recovery file for station %1 saved to %2; its one-time key: %3</source>
        <translation>工作站 %1 的恢复文件已保存到 %2；一次性密钥：%3</translation>
    </message>
</context>
<context>
    <name>Storage</name>
    <message>
        <source>The database file is damaged or is not a station database. Restore it from a backup or contact the county&apos;s IT helper.</source>
        <translation>数据库文件已损坏，或不是工作站数据库。请从备份恢复，或联系县里的信息技术人员。</translation>
    </message>
    <message>
        <source>The database is busy in another window or program. Wait a moment and try again.</source>
        <translation>数据库正被其他窗口或程序占用。请稍候再试。</translation>
    </message>
    <message>
        <source>The data folder is read-only, so nothing can be saved. Check the folder&apos;s permissions.</source>
        <translation>数据文件夹为只读，无法保存任何内容。请检查该文件夹的权限。</translation>
    </message>
    <message>
        <source>The disk is full, so nothing was saved. Free some space and save again; what you typed is kept.</source>
        <translation>磁盘已满，未能保存。请清理出部分空间后重新保存；已填写的内容仍保留。</translation>
    </message>
    <message>
        <source>The database file cannot be opened. Check that the data folder exists and can be written.</source>
        <translation>无法打开数据库文件。请检查数据文件夹是否存在且可以写入。</translation>
    </message>
    <message>
        <source>This database was made by a newer version of the program (schema {found}, this program knows {known}). Install the newer version; the file was not changed.</source>
        <translation>此数据库由更新版本的程序创建（数据结构版本 {found}，本程序只支持到 {known}）。请安装新版本程序；数据库文件未作任何改动。</translation>
    </message>
    <message>
        <source>The disk could not be read or written. Check the disk and try again.</source>
        <translation>磁盘读写失败。请检查磁盘后重试。</translation>
    </message>
    <message>
        <source>The database reported an unexpected error; nothing was changed. The details were written to the log: tell the county&apos;s IT helper.</source>
        <translation>数据库出现意外错误，未作任何更改。详细情况已写入日志，请告知县中心的信息技术人员。</translation>
    </message>
    <message>
        <source>This record was changed in another window since you opened it (now version {current}). Your changes were not saved; copy them, reopen the record and enter them again.</source>
        <translation>您打开此记录后，它已在其他窗口中被修改（现为第 {current} 版）。您的修改未保存；请先复制所填内容，重新打开记录后再次填写。</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>This station is not enrolled with the county yet, so it cannot exchange bundles. Enroll it first.</source>
        <translation>本工作站尚未在县中心注册，不能交换数据包。请先注册。</translation>
    </message>
    <message>
        <source>The county certificate kept on this computer is damaged; contact the county to enroll again.</source>
        <translation>本机保存的县中心证书已损坏，请联系县中心重新注册。</translation>
    </message>
    <message>
        <source>The county has revoked this station; it can no longer export bundles. Contact the county legal-aid center.</source>
        <translation>本工作站已被县中心撤销，不能再导出数据包。请联系县法律援助中心。</translation>
    </message>
    <message>
        <source>This reply bundle is meant for station {to}; this station is {station}. It was not imported.</source>
        <translation>这个回复包是发给工作站 {to} 的，本机是 {station}，拒绝导入。</translation>
    </message>
    <message>
        <source>This station does not have the county&apos;s encryption certificate yet, so it cannot write an encrypted bundle. Sync once over the network, or ask the county for this station&apos;s certificates file and import it in Settings (Import county&apos;s enrollment answer), then export again.</source>
        <translation>本工作站还没有县中心的加密证书，无法导出加密的数据包。请先联网同步一次，或向县中心索取本站的证书文件，在“设置”中用“导入县中心注册答复”导入，然后再导出。</translation>
    </message>
    <message>
        <source>This reply bundle is meant for another computer enrolled earlier for this station (a different key). It was not imported.</source>
        <translation>这个回复包是发给本站以前注册的另一台电脑（密钥不同）的，拒绝导入。</translation>
    </message>
    <message>
        <source>Export cancelled.</source>
        <translation>已取消导出。</translation>
    </message>
    <message>
        <source>Cannot read the file {path}.</source>
        <translation>无法读取文件 {path}。</translation>
    </message>
    <message>
        <source>{name} is not a sync bundle (the wrong kind of file, or damaged).</source>
        <translation>{name} 不是同步数据包（文件类型不对或已损坏）。</translation>
    </message>
    <message>
        <source>{name} is not a sync bundle (it has no manifest or signature).</source>
        <translation>{name} 不是同步数据包（缺少清单或签名）。</translation>
    </message>
    <message>
        <source>{name} is not a sync bundle (unknown format).</source>
        <translation>{name} 不是同步数据包（格式不对）。</translation>
    </message>
    <message>
        <source>This bundle was written by an older version of the program, which does not encrypt bundles, so it was not imported. Update the program that wrote it (at the station or at the county), then export the bundle again.</source>
        <translation>这个数据包由旧版程序导出，未加密，拒绝导入。请更新导出它的程序（工作站或县中心），然后重新导出数据包。</translation>
    </message>
    <message>
        <source>The bundle&apos;s format version does not match this program&apos;s; upgrade the programs at both ends to the same version.</source>
        <translation>数据包的格式版本与本程序不符，请将两端程序升级到同一版本。</translation>
    </message>
    <message>
        <source>This is the county&apos;s reply bundle for a station; import it at the station.</source>
        <translation>这是县中心给工作站的回复包，应在工作站导入。</translation>
    </message>
    <message>
        <source>This is a station&apos;s bundle for the county, not the county&apos;s reply bundle. Take it to the county to import.</source>
        <translation>这是工作站发给县中心的数据包，不是县中心的回复包。请交给县中心导入。</translation>
    </message>
    <message>
        <source>The bundle was altered or damaged (its signature or hash does not match) and was not imported. Export it again.</source>
        <translation>数据包已被改动或损坏（签名或校验值不符），拒绝导入。请重新导出。</translation>
    </message>
    <message>
        <source>This station is not enrolled with the county yet. Enter the server address and the enrollment code in Settings.</source>
        <translation>本工作站尚未在县中心注册。请在设置中输入服务器地址和注册码。</translation>
    </message>
    <message>
        <source>The county&apos;s answer is incomplete; the changes are sent again at the next sync.</source>
        <translation>县中心的答复不完整，将在下次同步时重发。</translation>
    </message>
    <message>
        <source>The county&apos;s answer is incomplete; it is tried again at the next sync.</source>
        <translation>县中心的答复不完整，将在下次同步时重试。</translation>
    </message>
    <message>
        <source>Cannot reach the county server. Check the network and the server address.</source>
        <translation>无法连接县中心服务器，请检查网络和服务器地址。</translation>
    </message>
    <message>
        <source>The county&apos;s answer is not valid; the enrollment was not completed.</source>
        <translation>县中心的答复无效，注册未完成。</translation>
    </message>
    <message>
        <source>{name} is not the county&apos;s enrollment answer file.</source>
        <translation>{name} 不是县中心的注册答复文件。</translation>
    </message>
    <message>
        <source>The certificate the county issued does not match this computer&apos;s key; the enrollment was not completed.</source>
        <translation>县中心签发的证书与本机密钥不符，注册未完成。</translation>
    </message>
    <message>
        <source>The enrollment code belongs to station {enrolled}; this station is {station}. Check the station code in Settings.</source>
        <translation>注册码属于工作站 {enrolled}，本机是 {station}。请核对设置中的工作站代码。</translation>
    </message>
    <message>
        <source>This station is enrolled with another county center (a different key); it will not change.</source>
        <translation>本工作站已注册到另一个县中心（密钥不同），拒绝更换。</translation>
    </message>
    <message>
        <source>Enter the county certificate fingerprint from the enrollment sheet (64 letters and digits), or read it from a photo of the sheet&apos;s QR code.</source>
        <translation>请填写注册单上的县中心证书指纹（64位字母和数字），或从注册单二维码的照片读取。</translation>
    </message>
    <message>
        <source>The server&apos;s county certificate does not match the fingerprint on the enrollment sheet: this is not the county&apos;s server, or the connection is being intercepted. The enrollment code was not sent. Check the fingerprint and the server address, and tell the county.</source>
        <translation>服务器提供的县中心证书与注册单上的指纹不符：这不是县中心的服务器，或者连接正被拦截。注册码没有发送。请核对指纹和服务器地址，并告知县中心。</translation>
    </message>
    <message>
        <source>The server&apos;s TLS certificate was not issued by the county certificate on the enrollment sheet: the connection may be intercepted. The enrollment code was not sent. Tell the county.</source>
        <translation>服务器的TLS证书不是注册单上的县中心证书签发的：连接可能正被拦截。注册码没有发送。请告知县中心。</translation>
    </message>
    <message>
        <source>The county could not verify this station: it is not enrolled there, or this computer&apos;s station key is not the enrolled one. Contact the county legal-aid center.</source>
        <translation>县中心无法核实本工作站：本站尚未在县中心注册，或本机的工作站密钥不是注册时的密钥。请联系县法律援助中心。</translation>
    </message>
    <message>
        <source>This computer&apos;s program is too old for the county server; please update the program, then sync again (nothing is lost meanwhile).</source>
        <translation>本机程序版本过旧，县中心服务器不再接受；请更新程序后再同步（期间数据不会丢失）。</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is too far off the county&apos;s for the request to be accepted; it is tried again with the county&apos;s time.</source>
        <translation>本机时钟与县中心相差太多，请求未被接受；将按县中心的时间重试。</translation>
    </message>
    <message>
        <source>Too many failed sign-ins from this address; the county waits a minute before it answers again.</source>
        <translation>来自本机地址的验证失败次数过多，县中心将在一分钟后再应答。</translation>
    </message>
    <message>
        <source>The county refused a request it had received before (a suspected replay).</source>
        <translation>县中心拒绝了一个重复发送的请求（疑似重放）。</translation>
    </message>
    <message>
        <source>The county legal-aid center has revoked this station; it can no longer sync. Contact the county.</source>
        <translation>本工作站已被县法律援助中心撤销，不能再同步。请联系县中心。</translation>
    </message>
    <message>
        <source>The data sent was damaged and the county could not read it; it is sent again at the next sync.</source>
        <translation>发送的数据已损坏，县中心无法读取，将在下次同步时重发。</translation>
    </message>
    <message>
        <source>Enrollment failed: the enrollment code is not valid or was used already. Ask the county for a new enrollment code.</source>
        <translation>注册失败：注册码无效或已使用。请向县中心索取新的注册码。</translation>
    </message>
    <message>
        <source>The material upload request is not valid; the county refused it.</source>
        <translation>材料上传的请求无效，县中心拒收。</translation>
    </message>
    <message>
        <source>The data sent is too large; the county refused it.</source>
        <translation>发送的数据过大，县中心拒收。</translation>
    </message>
    <message>
        <source>The request is not valid; the county refused it.</source>
        <translation>请求无效，县中心拒绝了它。</translation>
    </message>
    <message>
        <source>The county could not take this batch in its turn; it is sent again one batch at a time.</source>
        <translation>县法律援助中心未能按顺序接收这批数据；将逐批重新发送。</translation>
    </message>
    <message>
        <source>The county server is busy; it is tried again automatically shortly.</source>
        <translation>县里服务器繁忙，稍后自动重试。</translation>
    </message>
    <message>
        <source>This computer has records not sent to the county yet: sync first, then recover from the county.</source>
        <translation>本机还有未发送到县中心的记录，请先同步，再从县中心恢复。</translation>
    </message>
    <message>
        <source>The county&apos;s answer is incomplete; please try again.</source>
        <translation>县中心的答复不完整，请重试。</translation>
    </message>
    <message>
        <source>Recovery could not write to this computer&apos;s database (what was recovered is kept; recover again): {problem}</source>
        <translation>恢复时写入本机数据库失败（已恢复的部分保留，可再次恢复）：{problem}</translation>
    </message>
    <message>
        <source>Data the county sent back does not match its hash; recovery stopped (what was recovered is kept; recover again).</source>
        <translation>县中心发回的数据校验不符，恢复中止（已恢复的部分保留，可再次恢复）。</translation>
    </message>
    <message>
        <source>The county sent back another station&apos;s data; recovery stopped.</source>
        <translation>县中心发回了别的工作站的数据，恢复中止。</translation>
    </message>
    <message>
        <source>The roster the county sent is incomplete; it is tried again at the next sync.</source>
        <translation>县中心发来的名册数据不完整，将在下次同步时重试。</translation>
    </message>
    <message>
        <source>Station {station} is not enrolled at this county center.</source>
        <translation>工作站 {station} 未在本县中心注册。</translation>
    </message>
    <message>
        <source>The county revoked station {station}; the bundle was not imported.</source>
        <translation>工作站 {station} 已被县中心撤销，拒绝导入。</translation>
    </message>
    <message>
        <source>This bundle is meant for another county center (a different key); it was not imported.</source>
        <translation>这个数据包是发给另一个县中心的（密钥不同），拒绝导入。</translation>
    </message>
    <message>
        <source>Sent {pushed} change(s) ({accepted} newly received, {duplicates} repeated); received {events} county decision(s).</source>
        <translation>已发送 {pushed} 条变更（新接收 {accepted}，重复 {duplicates}），收到县中心决定 {events} 条。</translation>
    </message>
    <message>
        <source>Received {count} step(s) of the county center&apos;s handling of complaints (see Complaints).</source>
        <translation>收到县法律援助中心对投诉的处理 {count} 条（见“投诉”）。</translation>
    </message>
    <message>
        <source>{count} record(s) were returned by the county and are held until corrected: {reasons}</source>
        <translation>{count} 条记录被县中心退回，已隔离待修改：{reasons}</translation>
    </message>
    <message>
        <source>Uploaded {count} material file(s) ({size}).</source>
        <translation>已上传材料文件 {count} 个（{size}）。</translation>
    </message>
    <message>
        <source>{count} change(s) not sent yet.</source>
        <translation>还有 {count} 条变更未发送。</translation>
    </message>
    <message>
        <source>{count} material file(s) ({size}) not uploaded yet; the next sync resumes where this one stopped.</source>
        <translation>还有 {count} 个材料文件（{size}）未上传，下次同步从中断处继续。</translation>
    </message>
    <message>
        <source>{count} material file(s) ({size}) not uploaded yet (paused; the next sync resumes where it stopped).</source>
        <translation>还有 {count} 个材料文件（{size}）未上传（已暂停，下次同步从中断处继续）。</translation>
    </message>
    <message>
        <source>{count} material file(s) not uploaded yet; the next sync resumes where this one stopped.</source>
        <translation>还有 {count} 个材料文件未上传，下次同步从中断处继续。</translation>
    </message>
    <message>
        <source>{count} material file(s) not uploaded yet (paused; the next sync resumes where it stopped).</source>
        <translation>还有 {count} 个材料文件未上传（已暂停，下次同步从中断处继续）。</translation>
    </message>
    <message>
        <source>{count} material file(s) cannot be found on this computer and were not uploaded. See Tools, Check all materials.</source>
        <translation>{count} 个材料文件在本机找不到，未上传。请在 工具 → 核查全部材料 中查看。</translation>
    </message>
    <message>
        <source>{count} material file(s) were changed after signing (their hash does not match) and will not be uploaded. Find them in Tools, Check all materials, void each in its record and add the file again.</source>
        <translation>{count} 个材料文件在签名后被改动（校验值不符），不会上传。请在 工具 → 核查全部材料 中找到它，在所属记录中作废该材料，再重新添加文件。</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is {amount} fast compared with the county&apos;s; please correct the computer&apos;s date and time (sync is not affected, but the times recorded here come from this clock).</source>
        <translation>本机时钟比县中心快了 {amount}，请校正本机日期和时间（不影响同步，但本机登记的时间取自这个时钟）。</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is {amount} slow compared with the county&apos;s; please correct the computer&apos;s date and time (sync is not affected, but the times recorded here come from this clock).</source>
        <translation>本机时钟比县中心慢了 {amount}，请校正本机日期和时间（不影响同步，但本机登记的时间取自这个时钟）。</translation>
    </message>
    <message>
        <source>Clock {amount} fast</source>
        <translation>本机时钟快了 {amount}</translation>
    </message>
    <message>
        <source>Clock {amount} slow</source>
        <translation>本机时钟慢了 {amount}</translation>
    </message>
    <message>
        <source>{n} day(s)</source>
        <translation>{n} 天</translation>
    </message>
    <message>
        <source>{n} hour(s)</source>
        <translation>{n} 小时</translation>
    </message>
    <message>
        <source>{n} minute(s)</source>
        <translation>{n} 分钟</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>The county issued this station a new document-signing certificate (valid until {until}); documents printed from now on carry it.</source>
        <translation>县中心已为本站签发新的文书签名证书（有效期至 {until}），此后打印的文书将使用该证书签名。</translation>
    </message>
    <message>
        <source>The connection to the county was lost; unsent records are sent again at the next sync.</source>
        <translation>与县中心的连接中断，未发送的记录将在下次同步时重发。</translation>
    </message>
    <message>
        <source>The county server had a temporary problem; it is tried again at the next sync.</source>
        <translation>县中心服务器暂时出错，将在下次同步时重试。</translation>
    </message>
    <message>
        <source>The county&apos;s answer has no valid signature (it may have been damaged on the way); it is tried again at the next sync.</source>
        <translation>县中心的答复签名无效（可能在传输中损坏），将在下次同步时重试。</translation>
    </message>
    <message>
        <source>The county&apos;s answer cannot be read; it is tried again at the next sync.</source>
        <translation>县中心的答复无法读取，将在下次同步时重试。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate was not issued by the county root this station trusts: this may not be the county&apos;s server (or the connection is being intercepted). Nothing was sent. Check the server address; if it is right, contact the county.</source>
        <translation>服务器的证书不是本站信任的县中心根证书签发的：这可能不是县中心的服务器（或者连接正被拦截）。没有发送任何数据。请核对服务器地址；地址无误时请联系县中心。</translation>
    </message>
    <message>
        <source>There is no county server address. Enter it in Settings.</source>
        <translation>没有县中心服务器地址。请在设置中填写。</translation>
    </message>
    <message>
        <source>The county refused the request (HTTP {status}).</source>
        <translation>县中心拒绝了请求（状态码 {status}）。</translation>
    </message>
    <message>
        <source>The county refused the request: {reason}</source>
        <translation>县中心拒绝了请求：{reason}</translation>
    </message>
    <message>
        <source>The county refused the request without saying why. Tell the county legal-aid center.</source>
        <translation>县中心拒绝了请求，但没有说明原因。请告知县法律援助中心。</translation>
    </message>
    <message>
        <source>{name} cannot be opened as a picture (use a JPEG or PNG photo or scan).</source>
        <translation>{name} 无法作为图片打开（请使用 JPEG 或 PNG 格式的照片或扫描件）。</translation>
    </message>
    <message>
        <source>No QR code of the county certificate fingerprint was found in {name}. Take the photo closer, flat and sharp, or type the fingerprint printed under the code.</source>
        <translation>在 {name} 中没有找到县中心证书指纹的二维码。请靠近、放平、对准焦距重新拍照，或手工输入注册单上印的指纹。</translation>
    </message>
    <message>
        <source>The server address {url} is not secure (http://). Use the https:// address on the county&apos;s enrollment sheet.</source>
        <translation>服务器地址 {url} 不安全（http://）。请使用注册单上的 https:// 地址。</translation>
    </message>
    <message>
        <source>{url} is not a server address. Use the https:// address on the county&apos;s enrollment sheet.</source>
        <translation>{url} 不是服务器地址。请使用注册单上的 https:// 地址。</translation>
    </message>
    <message>
        <source>The certificates the county sent are not issued by the county root this station trusts; nothing was changed.</source>
        <translation>县中心发来的证书不是本站信任的县中心根证书签发的；未作任何改动。</translation>
    </message>
    <message>
        <source>The county certificates kept on this computer are damaged; contact the county to enroll again.</source>
        <translation>本机保存的县中心证书已损坏；请联系县中心重新注册。</translation>
    </message>
    <message>
        <source>The station is not enrolled with the county yet, so its key cannot be escrowed to the county. Enroll first (Settings → County server).</source>
        <translation>本站尚未在县中心登记，无法将密钥托管给县中心。请先登记（设置 → 县中心服务器）。</translation>
    </message>
    <message>
        <source>The county returned this change without saying why. Ask the county legal-aid center.</source>
        <translation>县中心退回了这项修改，但没有说明原因。请询问县法律援助中心。</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>Revoked by the county (%1)</source>
        <translation>已被县中心撤销（%1）</translation>
    </message>
    <message>
        <source>Revoked by the county</source>
        <translation>已被县中心撤销</translation>
    </message>
    <message>
        <source>Waiting to sync: %1 records, %2 materials (%3 MB)</source>
        <translation>待同步：%1 条记录，%2 个材料（%3 MB）</translation>
    </message>
    <message>
        <source>Waiting to sync: %1 records</source>
        <translation>待同步：%1 条记录</translation>
    </message>
    <message>
        <source>Syncing with the county...</source>
        <translation>正在与县中心同步……</translation>
    </message>
    <message>
        <source>Sync failed unexpectedly; nothing was lost. It will be tried again.</source>
        <translation>同步意外失败，没有丢失任何记录，稍后将再次尝试。</translation>
    </message>
    <message>
        <source>%1 material file(s) changed after signing</source>
        <translation>%1 个材料文件签名后被改动</translation>
    </message>
    <message>
        <source>Synced at %1</source>
        <translation>已于 %1 同步</translation>
    </message>
    <message>
        <source>%1 new county decision(s)</source>
        <translation>收到县中心新决定 %1 条</translation>
    </message>
    <message>
        <source>%1 update(s) on complaints from the county center</source>
        <translation>县中心投诉处理 %1 条</translation>
    </message>
    <message>
        <source>upload paused</source>
        <translation>上传已暂停</translation>
    </message>
    <message>
        <source>%1 step(s) of the county center&apos;s handling of complaints (see Complaints)</source>
        <translation>县法律援助中心对投诉的处理 %1 条（见“投诉”）</translation>
    </message>
    <message>
        <source>%1 material file(s) sent (%2 MB)</source>
        <translation>已上传 %1 个材料文件（%2 MB）</translation>
    </message>
    <message>
        <source>Without a network, exchange USB bundles instead: File, Export sync bundle to USB.</source>
        <translation>没有网络时，请改用U盘交换数据：文件 → 导出同步数据包到U盘…</translation>
    </message>
    <message>
        <source>Upload paused with %1 material file(s) (%2 MB) left; it resumes at the next sync</source>
        <translation>材料上传已暂停，还有 %1 个材料文件（%2 MB）未上传，下次同步时从中断处继续</translation>
    </message>
    <message>
        <source>%1 material file(s) were changed after they were signed, so they are not sent to the county, now or later. Find them in Tools, Check all materials; void each in its record and add the file again.</source>
        <translation>%1 个材料文件在签名后被改动过（校验值不符），现在和以后都不会上传到县中心。请在 工具 → 核查全部材料 中找到它们，在所属记录中作废该材料，再重新添加文件。</translation>
    </message>
    <message>
        <source>Cannot reach the county; nothing is lost</source>
        <translation>连不上县中心，数据不会丢失</translation>
    </message>
    <message>
        <source>Not enrolled with the county</source>
        <translation>尚未在县中心注册</translation>
    </message>
    <message>
        <source>No county server address</source>
        <translation>未填写县中心服务器地址</translation>
    </message>
    <message>
        <source>County server problem; it will be tried again</source>
        <translation>县中心服务器出错，稍后重试</translation>
    </message>
    <message>
        <source>The county refused the sync</source>
        <translation>县中心拒绝了同步</translation>
    </message>
    <message>
        <source>%1 change(s) returned by the county, fix them in the record</source>
        <translation>县中心退回 %1 条变更，请在记录中修改</translation>
    </message>
    <message>
        <source>Cannot reach the county server; unsent records are kept and sent next time</source>
        <translation>无法连接县中心服务器；未发送的记录已保留，下次同步时发送</translation>
    </message>
    <message>
        <source>Not enrolled with the county: enter the server address and code in Settings</source>
        <translation>尚未在县中心注册：请在设置中输入服务器地址和注册码</translation>
    </message>
    <message>
        <source>No county server address: enter it in Settings</source>
        <translation>没有县中心服务器地址：请在设置中填写</translation>
    </message>
    <message>
        <source>The county has revoked this station: contact the county legal-aid center</source>
        <translation>县中心已撤销本工作站：请联系县法律援助中心</translation>
    </message>
    <message>
        <source>The county server had a problem; it will be tried again at the next sync</source>
        <translation>县中心服务器出错，下次同步时将重试</translation>
    </message>
    <message>
        <source>The county refused the sync: %1</source>
        <translation>县中心拒绝了同步：%1</translation>
    </message>
</context>
<context>
    <name>SyncLine</name>
    <message>
        <source>Not synced yet</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <source>Not enrolled with the county</source>
        <translation>尚未在县中心注册</translation>
    </message>
</context>
<context>
    <name>SyncProgress</name>
    <message>
        <source>Uploading materials %p%</source>
        <translation>上传材料 %p%</translation>
    </message>
    <message>
        <source>Upload of material files</source>
        <translation>材料文件上传进度</translation>
    </message>
    <message>
        <source>Stop uploading now; the next sync continues where it stopped</source>
        <translation>立即停止上传；下次同步时从中断处继续</translation>
    </message>
    <message>
        <source>%1 of %2 MB sent</source>
        <translation>已上传 %1 MB，共 %2 MB</translation>
    </message>
    <message>
        <source>Stopping...</source>
        <translation>正在停止……</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止上传</translation>
    </message>
</context>
<context>
    <name>TownshipsPage</name>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Set the registered population</source>
        <translation>设置户籍人口</translation>
    </message>
    <message>
        <source>Registered population</source>
        <translation>户籍人口</translation>
    </message>
    <message>
        <source>Enter the township and its registered population.</source>
        <translation>请填写乡镇及其户籍人口。</translation>
    </message>
</context>
<context>
    <name>Upgrade</name>
    <message>
        <source>Updating the station&apos;s data for this version. A copy is kept first; do not switch off the computer...</source>
        <translation>正在为新版本更新本站数据。已先保留一份副本，请勿关闭电脑……</translation>
    </message>
    <message>
        <source>Working out the plan&apos;s figures and deadlines again by this version&apos;s rules. Nothing recorded changes...</source>
        <translation>正在按本版本的规则重新计算工作计划的各项指标和期限，已记录的内容不会改变……</translation>
    </message>
    <message>
        <source>Encrypting the attached materials (scans, photos) for this version. Each file is checked and none is lost; do not switch off the computer...</source>
        <translation>正在为新版本加密已附的材料（扫描件、照片），每个文件都经核对，不会丢失；请勿关闭电脑……</translation>
    </message>
    <message>
        <source>Updating the data</source>
        <translation>正在更新数据</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <source>Please enter the ID number.</source>
        <translation>请填写身份证号码。</translation>
    </message>
    <message>
        <source>This is an old 15-digit ID number; please enter the 18-digit number from the current ID card.</source>
        <translation>这是旧的15位身份证号码，请填写现行居民身份证上的18位号码。</translation>
    </message>
    <message>
        <source>An ID number has 18 characters; this one has {length}. Please check the number.</source>
        <translation>身份证号码应为18位，现为{length}位，请核对。</translation>
    </message>
    <message>
        <source>An ID number has 17 digits followed by a digit or X; please check the number.</source>
        <translation>身份证号码由17位数字加最后1位数字或X组成，请核对。</translation>
    </message>
    <message>
        <source>The ID number starts with {code}, which is not a province code; please check the number.</source>
        <translation>身份证号码开头的{code}不是省级行政区划代码，请核对。</translation>
    </message>
    <message>
        <source>The date of birth in the ID number ({digits}) is not a real date; please check the number.</source>
        <translation>身份证号码中的出生日期（{digits}）不是有效日期，请核对。</translation>
    </message>
    <message>
        <source>The date of birth in the ID number ({date}) is in the future; please check the number.</source>
        <translation>身份证号码中的出生日期（{date}）晚于今天，请核对。</translation>
    </message>
    <message>
        <source>The ID number&apos;s check digit is wrong; please check the number.</source>
        <translation>身份证号码校验位（最后一位）不正确，请核对。</translation>
    </message>
    <message>
        <source>Please enter a phone number.</source>
        <translation>请填写联系电话。</translation>
    </message>
    <message>
        <source>A phone number may contain only digits, spaces, dashes and an extension such as -123; please check it.</source>
        <translation>电话号码只能包含数字、空格、短横线，以及分机号（如 -123），请核对。</translation>
    </message>
    <message>
        <source>Only mainland China numbers can be recorded here: a mobile number or a landline with its area code.</source>
        <translation>此处只能登记中国大陆的电话号码：手机号码，或带区号的固定电话号码。</translation>
    </message>
    <message>
        <source>{number} is a service number, not a personal phone; please enter the person&apos;s own mobile or landline number.</source>
        <translation>{number} 是服务号码，不是个人电话；请填写本人的手机或固定电话号码。</translation>
    </message>
    <message>
        <source>A mobile number has 11 digits and starts with 13 to 19; this one has {length} digits. Please check it.</source>
        <translation>手机号码为11位，以13至19开头；现为{length}位，请核对。</translation>
    </message>
    <message>
        <source>A mobile number has no extension; please remove it.</source>
        <translation>手机号码没有分机号，请删除分机号。</translation>
    </message>
    <message>
        <source>Please add the area code in front of the number, e.g. 0755-12345678.</source>
        <translation>请在号码前加上区号，例如 0755-12345678。</translation>
    </message>
    <message>
        <source>{area} is not an area code; area codes are 010, 020 to 029, or 0 and three digits such as 0755.</source>
        <translation>{area} 不是有效的区号；区号为 010、020 至 029，或 0 加三位数字（如 0755）。</translation>
    </message>
    <message>
        <source>After the area code a landline number has 7 or 8 digits and does not start with 0; please check it.</source>
        <translation>固定电话在区号之后应为7位或8位数字，且不以0开头，请核对。</translation>
    </message>
    <message>
        <source>Please enter a mobile number (11 digits) or a landline number with its area code, e.g. 0755-12345678.</source>
        <translation>请填写11位手机号码，或带区号的固定电话号码，例如 0755-12345678。</translation>
    </message>
    <message>
        <source>The station code is already {current}: application numbers or the county&apos;s certificate use it, so it cannot change to {code}.</source>
        <translation>工作站代码已是 {current}，申请编号或县中心证书已使用它，不能改为 {code}。</translation>
    </message>
    <message>
        <source>The station code has 2 to 12 capital letters or digits, as given by the county.</source>
        <translation>工作站编码为2至12位大写字母或数字，以县法律援助中心下发的为准。</translation>
    </message>
    <message>
        <source>Enter the station&apos;s name.</source>
        <translation>请填写工作站名称。</translation>
    </message>
    <message>
        <source>Enter the township.</source>
        <translation>请填写所在乡镇。</translation>
    </message>
    <message>
        <source>Enter a phone number: a mobile number, or the area code and number (0376-6123456).</source>
        <translation>请填写电话号码：手机号码，或区号加号码（如 0376-6123456）。</translation>
    </message>
    <message>
        <source>The address has at most 200 characters.</source>
        <translation>地址最多200个字。</translation>
    </message>
    <message>
        <source>Choose the kind of station.</source>
        <translation>请选择工作站类型。</translation>
    </message>
    <message>
        <source>Enter at least one clerk&apos;s name.</source>
        <translation>请至少填写一名工作人员的姓名。</translation>
    </message>
    <message>
        <source>The size limit for one attachment is 1 to 500 MB.</source>
        <translation>单个附件的大小上限应为 1 至 500 MB。</translation>
    </message>
    <message>
        <source>Autosave runs every 2 to 300 seconds.</source>
        <translation>自动保存间隔应为2至300秒。</translation>
    </message>
    <message>
        <source>The window locks after 1 to 240 idle minutes.</source>
        <translation>无操作锁定时间为 1 至 240 分钟。</translation>
    </message>
    <message>
        <source>Keep 1 to 365 backups.</source>
        <translation>保留的备份份数应为 1 至 365 份。</translation>
    </message>
    <message>
        <source>Give the backup folder as a full path, for example E:\backup.</source>
        <translation>请填写备份文件夹的完整路径，例如 E:\backup。</translation>
    </message>
    <message>
        <source>The seal picture must be an existing PNG or JPEG file.</source>
        <translation>印章图片必须是已存在的 PNG 或 JPEG 文件。</translation>
    </message>
    <message>
        <source>The form font must be an existing TrueType file (.ttf or .ttc), e.g. C:\Windows\Fonts\simsun.ttc.</source>
        <translation>表格字体必须是已存在的 TrueType 字体文件（.ttf 或 .ttc），如 C:\Windows\Fonts\simsun.ttc。</translation>
    </message>
    <message>
        <source>The second backup folder must be another folder, best on a USB drive.</source>
        <translation>第二备份文件夹必须是另一个文件夹，最好在U盘上。</translation>
    </message>
    <message>
        <source>This ID number is already registered to {name}. If it is the same person, choose them with &quot;Find person&quot;; otherwise check the number.</source>
        <translation>此证件号码已登记为“{name}”。如为同一人，请通过“查找当事人”选择此人；否则请核对号码。</translation>
    </message>
    <message>
        <source>Set up the station (code and name) in Settings before recording.</source>
        <translation>开始登记前，请先在“设置”中填写工作站编码和名称。</translation>
    </message>
    <message>
        <source>Give the reason for voiding this record.</source>
        <translation>请填写作废此记录的原因。</translation>
    </message>
    <message>
        <source>This consultation is void or already became an application; start the application from the list instead.</source>
        <translation>此咨询登记已作废或已转为法律援助申请；如需申请，请在法律援助申请列表中新建。</translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation>此项为必填项。</translation>
    </message>
    <message>
        <source>Too long: at most {max} characters, now {length}.</source>
        <translation>内容过长：最多{max}个字，现有{length}个字。</translation>
    </message>
    <message>
        <source>This value is not valid; please enter it again.</source>
        <translation>填写内容无效，请重新填写。</translation>
    </message>
    <message>
        <source>Enter the date as YYYY-MM-DD, for example 2024-03-15.</source>
        <translation>请按“年-月-日”填写日期，例如 2024-03-15。</translation>
    </message>
    <message>
        <source>Enter the date and time as YYYY-MM-DD HH:MM, for example 2024-03-15 09:30.</source>
        <translation>请按“年-月-日 时:分”填写日期和时间，例如 2024-03-15 09:30。</translation>
    </message>
    <message>
        <source>There is no such date or time: {value}.</source>
        <translation>日期或时间不存在：{value}。</translation>
    </message>
    <message>
        <source>This is in the future; please check the date and the computer&apos;s clock.</source>
        <translation>该时间晚于当前时间，请核对日期及电脑时钟。</translation>
    </message>
    <message>
        <source>Enter a whole number, 0 or more.</source>
        <translation>请填写0或正整数。</translation>
    </message>
    <message>
        <source>Enter an amount in yuan, 0 or more, with at most 2 decimals.</source>
        <translation>请填写以元为单位的金额，不小于0，最多保留两位小数。</translation>
    </message>
    <message>
        <source>&quot;{code}&quot; is not in the list; please choose again.</source>
        <translation>“{code}”不在可选范围内，请重新选择。</translation>
    </message>
    <message>
        <source>Tick or untick this box.</source>
        <translation>请勾选或取消勾选此项。</translation>
    </message>
    <message>
        <source>Choose the type of the ID document.</source>
        <translation>请选择证件类型。</translation>
    </message>
    <message>
        <source>An ID number has 4 to 30 letters or digits; please check the number.</source>
        <translation>证件号码应为4至30位字母或数字，请核对。</translation>
    </message>
    <message>
        <source>The gender does not match the resident ID number; please check both.</source>
        <translation>性别与居民身份证号码不符，请核对两项。</translation>
    </message>
    <message>
        <source>The date of birth does not match the resident ID number ({id_birth_date}); please check both.</source>
        <translation>出生日期与居民身份证号码中的出生日期（{id_birth_date}）不符，请核对两项。</translation>
    </message>
    <message>
        <source>Enter the person&apos;s name, or tick &quot;Anonymous caller&quot;.</source>
        <translation>请填写当事人姓名，或勾选“匿名来电”。</translation>
    </message>
    <message>
        <source>Choose where the person was referred to.</source>
        <translation>请选择转介单位。</translation>
    </message>
    <message>
        <source>At most {max} minutes can be recorded for one consultation; please check the number.</source>
        <translation>一次咨询最多登记{max}分钟，请核对用时。</translation>
    </message>
    <message>
        <source>Enter the outreach event this belongs to.</source>
        <translation>请填写所属的外出服务活动。</translation>
    </message>
    <message>
        <source>Enter the applicant&apos;s name.</source>
        <translation>请填写申请人姓名。</translation>
    </message>
    <message>
        <source>Choose the applicant&apos;s ID type.</source>
        <translation>请选择申请人的证件类型。</translation>
    </message>
    <message>
        <source>Enter the applicant&apos;s ID number.</source>
        <translation>请填写申请人的证件号码。</translation>
    </message>
    <message>
        <source>The applicant is under 18; enter the name of the legal representative.</source>
        <translation>申请人未满18周岁，请填写法定代理人姓名。</translation>
    </message>
    <message>
        <source>Enter when and where the applicant applied before, and the number of that application.</source>
        <translation>请填写申请人此前申请法律援助的时间、地点及申请编号。</translation>
    </message>
    <message>
        <source>Choose the applicant&apos;s role in the criminal case.</source>
        <translation>请选择申请人在刑事案件中的身份。</translation>
    </message>
    <message>
        <source>Choose the stage the criminal case has reached.</source>
        <translation>请选择刑事案件所处的诉讼阶段。</translation>
    </message>
    <message>
        <source>A possible life imprisonment or death sentence can only be marked on a criminal case.</source>
        <translation>只有刑事案件才能勾选“可能被判处无期徒刑、死刑”。</translation>
    </message>
    <message>
        <source>A criminal case needs criminal defence or representation in a criminal case.</source>
        <translation>刑事案件的申请援助事项应为刑事辩护或刑事代理。</translation>
    </message>
    <message>
        <source>Criminal defence and criminal representation are only for criminal cases.</source>
        <translation>刑事辩护和刑事代理仅适用于刑事案件。</translation>
    </message>
    <message>
        <source>A suspect or defendant receives criminal defence, not representation.</source>
        <translation>犯罪嫌疑人、被告人应申请刑事辩护，而不是刑事代理。</translation>
    </message>
    <message>
        <source>Victims, their relatives, private prosecutors and civil plaintiffs receive representation, not defence.</source>
        <translation>被害人及其近亲属、自诉人、附带民事诉讼原告人应申请刑事代理，而不是刑事辩护。</translation>
    </message>
    <message>
        <source>Criminal notification (Art. 25) applies only to criminal cases; choose another ground.</source>
        <translation>刑事通知辩护（第二十五条）仅适用于刑事案件，请选择其他援助条件依据。</translation>
    </message>
    <message>
        <source>This eligibility ground does not apply to this case type; choose another ground.</source>
        <translation>该援助条件依据不适用于此案件类型，请选择其他依据。</translation>
    </message>
    <message>
        <source>Choose the Art. 25 ground of the notification.</source>
        <translation>请选择通知辩护所依据的第二十五条情形。</translation>
    </message>
    <message>
        <source>Choose the organ that sent the notification.</source>
        <translation>请选择发出通知的机关。</translation>
    </message>
    <message>
        <source>Choose which Art. 42 exemption applies.</source>
        <translation>请选择适用的第四十二条免予核查情形。</translation>
    </message>
    <message>
        <source>Choose which Art. 32 ground applies.</source>
        <translation>请选择适用的第三十二条情形。</translation>
    </message>
    <message>
        <source>Enter the household&apos;s monthly income; hardship is checked against it.</source>
        <translation>请填写家庭月收入，经济困难状况据此核查。</translation>
    </message>
    <message>
        <source>Enter the number of people in the household.</source>
        <translation>请填写家庭人口数。</translation>
    </message>
    <message>
        <source>A household has at least 1 person.</source>
        <translation>家庭人口数至少为1人。</translation>
    </message>
    <message>
        <source>Simplified review is for military personnel, military families and veterans; tick the applicant&apos;s category or choose another ground.</source>
        <translation>简化审查适用于军人、军属和退役军人；请勾选申请人的人员类别，或选择其他援助条件依据。</translation>
    </message>
    <message>
        <source>Mutual exemption is for judicial-assistance recipients; tick that category or choose another ground.</source>
        <translation>互免审查适用于司法救助对象；请勾选“司法救助对象”类别，或选择其他援助条件依据。</translation>
    </message>
    <message>
        <source>This Art. 42 exemption is for minors, the elderly (60 and over) and disabled people with no fixed income; the applicant is {age}, and no disability is recorded. Tick &quot;Disabled&quot; or choose another ground.</source>
        <translation>第四十二条此项适用于无固定生活来源的未成年人、老年人（60周岁以上）和残疾人；申请人{age}周岁，且未登记残疾。请勾选“残疾人”，或选择其他依据。</translation>
    </message>
    <message>
        <source>This Art. 42 exemption is for migrant workers; tick &quot;Migrant worker&quot; or choose another ground.</source>
        <translation>第四十二条此项适用于进城务工人员；请勾选“农民工”，或选择其他依据。</translation>
    </message>
    <message>
        <source>This Art. 32 ground is for victims of abuse, abandonment or domestic violence; tick &quot;Domestic-violence victim&quot; or choose another ground.</source>
        <translation>第三十二条此项适用于遭受虐待、遗弃或者家庭暴力的受害人；请勾选“家庭暴力受害人”，或选择其他依据。</translation>
    </message>
    <message>
        <source>The text holds an invisible control character ({char}, character {position}), as text copied from Word or a web page may; it cannot be shown or printed. Delete it, or type that part again.</source>
        <translation>含有不可见的控制字符（{char}，在第{position}个字处），常见于从Word或网页复制的文字，无法显示和打印。请删去它，或重新输入这部分内容。</translation>
    </message>
    <message>
        <source>The text holds an invisible character that turns the direction of writing ({char}, character {position}): it shows in another order than it is kept, and search would not find it. Delete it, or type that part again.</source>
        <translation>含有改变文字方向的不可见字符（{char}，在第{position}个字处）：屏幕上显示的顺序与保存的不同，查找时也找不到。请删去它，或重新输入这部分内容。</translation>
    </message>
    <message>
        <source>This field takes one line; the text breaks the line after character {after}. Join the lines.</source>
        <translation>此栏只能填写一行，内容在第{after}个字后换了行。请合并为一行。</translation>
    </message>
    <message>
        <source>This Art. 42 exemption is for minors, the elderly and disabled people with no fixed income; tick the applicant&apos;s category (or enter the ID number or date of birth), or choose another ground.</source>
        <translation>第四十二条此项适用于无固定生活来源的未成年人、老年人和残疾人；请勾选申请人的类别（或填写身份证号码、出生日期），或选择其他依据。</translation>
    </message>
    <message>
        <source>This Art. 42 exemption is for recipients of subsistence allowances, judicial assistance or preferential care; tick that category or choose another ground.</source>
        <translation>第四十二条此项适用于低保对象、特困人员、司法救助对象或优抚对象；请勾选相应类别，或选择其他依据。</translation>
    </message>
    <message>
        <source>This Art. 42 exemption covers claims for wages or work-injury damages only; choose that Art. 31 matter or another ground.</source>
        <translation>第四十二条此项只适用于请求支付劳动报酬或者工伤事故人身损害赔偿；请选择相应的第三十一条事项，或选择其他依据。</translation>
    </message>
    <message>
        <source>This Art. 32 ground is for state compensation after an acquittal on retrial; the case type must be state compensation.</source>
        <translation>第三十二条此项适用于再审改判无罪后请求国家赔偿；案件类型应为国家赔偿。</translation>
    </message>
    <message>
        <source>The household&apos;s income per person ({per_capita} yuan a month) is over the county&apos;s hardship standard ({standard} yuan); write why legal aid is asked all the same.</source>
        <translation>家庭人均月收入（{per_capita}元）高于本县经济困难标准（{standard}元）：请写明仍申请法律援助的理由。</translation>
    </message>
    <message>
        <source>Choose the Art. 31 matter: this case relies on financial hardship.</source>
        <translation>请选择第三十一条所列事项：本案以经济困难为援助条件。</translation>
    </message>
    <message>
        <source>Choose why the application is urgent.</source>
        <translation>请选择紧急情形。</translation>
    </message>
    <message>
        <source>Enter the date the limitation period or deadline ends.</source>
        <translation>请填写时效或期限届满的日期。</translation>
    </message>
    <message>
        <source>Aid before review needs a deadline less than {days} days after the application was received; {deadline} is later.</source>
        <translation>先行提供法律援助要求收到申请时距时效或期限届满不足{days}日；{deadline}超出了这一范围。</translation>
    </message>
    <message>
        <source>The deadline {deadline} had passed before the application was received; please check it.</source>
        <translation>期限{deadline}在收到申请前已经届满，请核对。</translation>
    </message>
    <message>
        <source>A name has only letters (any script), spaces and the middle dot ·; remove &quot;{char}&quot;.</source>
        <translation>姓名只能包含文字、空格和间隔号“·”，请删除“{char}”。</translation>
    </message>
    <message>
        <source>A postcode has 6 digits.</source>
        <translation>邮政编码为6位数字。</translation>
    </message>
    <message>
        <source>This record is void; materials can no longer be added to it.</source>
        <translation>此记录已作废，不能再添加材料。</translation>
    </message>
    <message>
        <source>Give the reason for voiding this attachment.</source>
        <translation>请填写作废此附件的原因。</translation>
    </message>
    <message>
        <source>The scanner folder does not exist.</source>
        <translation>扫描文件夹不存在。</translation>
    </message>
    <message>
        <source>Enter the application number of the case (for example TS01-2026-00012).</source>
        <translation>请填写案件的申请编号（例如 TS01-2026-00012）。</translation>
    </message>
    <message>
        <source>This station has no application numbered {number}; check the number.</source>
        <translation>本工作站没有编号为 {number} 的申请，请核对编号。</translation>
    </message>
    <message>
        <source>Application {number} is void; records cannot be added to it.</source>
        <translation>申请 {number} 已作废，不能再为其添加记录。</translation>
    </message>
    <message>
        <source>Application {number} was refused (不予法律援助): a refused case takes no closure report, court attendance, quality evaluation or follow-up visit.</source>
        <translation>申请 {number} 已决定不予法律援助：不予援助的案件不能填写结案报告、旁听庭审、质量评查或回访记录。</translation>
    </message>
    <message>
        <source>Application {number} is {status}: a closure report, court attendance or quality evaluation needs legal aid given (the county assigned the case, or gave aid before review under Art. 44).</source>
        <translation>申请 {number} 当前状态为“{status}”：结案报告、旁听庭审和质量评查须在已提供法律援助之后填写（县中心已指派，或依第四十四条先行提供）。</translation>
    </message>
    <message>
        <source>Application {number} is {status} and not closed: a follow-up visit is made after the case closes (its closure report, or the county&apos;s close).</source>
        <translation>申请 {number} 当前状态为“{status}”，尚未结案：回访在案件结案之后进行（已有结案报告，或县中心已结案）。</translation>
    </message>
    <message>
        <source>Quality is evaluated on closed cases: application {number} has no closure report and the county has not closed it.</source>
        <translation>质量评查针对已结案件：申请 {number} 尚无结案报告，县中心也未结案。</translation>
    </message>
    <message>
        <source>The date cannot be before application {number} was received ({received}).</source>
        <translation>日期不能早于申请 {number} 的受理（接收）日期（{received}）。</translation>
    </message>
    <message>
        <source>A case closes on or after the day legal aid was given ({aided}).</source>
        <translation>结案日期不能早于提供法律援助（指派）之日（{aided}）。</translation>
    </message>
    <message>
        <source>This comes after the case closed: the date cannot be before its closing day ({closed}).</source>
        <translation>此项在结案之后进行：日期不能早于结案日期（{closed}）。</translation>
    </message>
    <message>
        <source>Application {number} already has a quality evaluation ({evaluated_on}, {score} points): edit or void that one instead of adding a second.</source>
        <translation>申请 {number} 已有一份质量评查（{evaluated_on}，{score} 分）：请修改或作废该评查，不要重复评查。</translation>
    </message>
    <message>
        <source>A record stays with its case; void it and record it again for another case.</source>
        <translation>记录不能改到其他案件；如有误，请作废后为正确的案件重新登记。</translation>
    </message>
    <message>
        <source>Give a score from 0 to {max}.</source>
        <translation>请打 0 至 {max} 分。</translation>
    </message>
    <message>
        <source>A case is archived on or after its closing date ({closed}).</source>
        <translation>归档日期不能早于结案日期（{closed}）。</translation>
    </message>
    <message>
        <source>The answer cannot come before the complaint ({received}).</source>
        <translation>答复日期不能早于投诉日期（{received}）。</translation>
    </message>
    <message>
        <source>Choose how the complainant was answered.</source>
        <translation>请选择答复投诉人的方式。</translation>
    </message>
</context>
<context>
    <name>Veil</name>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
</context>
<context>
    <name>VerifyAll</name>
    <message>
        <source>Checking every attachment...</source>
        <translation>正在核查全部附件…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Check materials</source>
        <translation>核查材料</translation>
    </message>
    <message>
        <source>Checked %1 attachments: %2 intact, %3 tampered, %4 missing, %5 unsigned.</source>
        <translation>已核查 %1 个附件：完好 %2 个，被改动 %3 个，缺失 %4 个，未签名 %5 个。</translation>
    </message>
    <message>
        <source>Stopped before the end.</source>
        <translation>核查未完成即已停止。</translation>
    </message>
    <message>
        <source>The check could not run: %1</source>
        <translation>无法进行核查：%1</translation>
    </message>
</context>
<context>
    <name>WindowLock</name>
    <message>
        <source>&amp;Lock / switch clerk</source>
        <translation>锁定/切换办事员(&amp;L)</translation>
    </message>
    <message>
        <source>Lock the window; any clerk signs in to go on (Ctrl+L)</source>
        <translation>锁定窗口；任一办事员登录后继续（Ctrl+L）</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>The county server cannot be reached ({detail}). Check the network and the server address.</source>
        <translation>无法连接县中心服务器（{detail}）。请检查网络和服务器地址。</translation>
    </message>
    <message>
        <source>The server&apos;s root certificate does not match the fingerprint you were given: this may not be the county&apos;s server. Nothing was sent.</source>
        <translation>服务器的根证书与给定的指纹不符，可能不是县中心的服务器。未发送任何信息。</translation>
    </message>
    <message>
        <source>The county root certificate given is not readable.</source>
        <translation>给定的县中心根证书无法读取。</translation>
    </message>
    <message>
        <source>The county server&apos;s answer is not readable ({detail}).</source>
        <translation>县中心服务器的答复无法读取（{detail}）。</translation>
    </message>
    <message>
        <source>The county server answered with an error and did not say why (status {status}). Try again; if it happens again, tell the county&apos;s administrator.</source>
        <translation>县中心服务器返回了错误，但没有说明原因（状态码 {status}）。请重试；如果再次出现，请告知县中心的管理员。</translation>
    </message>
    <message>
        <source>The file is larger than a roster can be ({most} KiB).</source>
        <translation>文件超过名册应有的大小（{most} KiB）。</translation>
    </message>
    <message>
        <source>The county server&apos;s answer is larger than expected; it was not read.</source>
        <translation>县中心服务器的答复超出预期大小，未予读取。</translation>
    </message>
    <message>
        <source>The county issued no such document with this decision.</source>
        <translation>该决定未出具此文书。</translation>
    </message>
</context>
</TS>
