<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttributionService</name>
    <message>
        <source>There is no guide %1.</source>
        <translation>没有导购 %1。</translation>
    </message>
</context>
<context>
    <name>BarcodeParser</name>
    <message>
        <source>The scan was empty.</source>
        <translation>扫码内容为空。</translation>
    </message>
    <message>
        <source>The scan is too long (%1 characters) to be a code.</source>
        <translation>扫码内容太长（%1 个字符），不是条码。</translation>
    </message>
    <message>
        <source>This link is not a code the till knows.</source>
        <translation>这个链接不是收银机认识的码。</translation>
    </message>
    <message>
        <source>%1 %2 has a wrong check digit (it should end in %3): scan it again.</source>
        <translation>%1 %2 校验位错误（末位应为 %3）：请重新扫描。</translation>
    </message>
    <message>
        <source>Scale code %1 has a wrong check digit: scan it again.</source>
        <translation>电子秤条码 %1 校验位错误：请重新扫描。</translation>
    </message>
    <message>
        <source>Not a valid GS1 code: %1.</source>
        <translation>不是有效的 GS1 码：%1。</translation>
    </message>
</context>
<context>
    <name>Cart</name>
    <message>
        <source>No such line in the sale.</source>
        <translation>本单没有这一行。</translation>
    </message>
    <message>
        <source>Quantity must be between 1 and %1.</source>
        <translation>数量必须在 1 到 %1 之间。</translation>
    </message>
    <message>
        <source>The discount is larger than the line amount.</source>
        <translation>优惠超过了该行金额。</translation>
    </message>
    <message>
        <source>The discount is larger than the sale amount.</source>
        <translation>优惠超过了整单金额。</translation>
    </message>
    <message>
        <source>The held sale is damaged.</source>
        <translation>挂单数据已损坏。</translation>
    </message>
    <message>
        <source>A price is from ¥0.00 to ¥1,000,000.00.</source>
        <translation>价格须在 ¥0.00 到 ¥1,000,000.00 之间。</translation>
    </message>
</context>
<context>
    <name>CheckoutService</name>
    <message>
        <source>This till is not set up for a store yet (run posctl init --demo).</source>
        <translation>本收银机尚未绑定门店（请运行 posctl init --demo）。</translation>
    </message>
    <message>
        <source>The sale has no items.</source>
        <translation>本单还没有商品。</translation>
    </message>
    <message>
        <source>The sale was not saved: %1</source>
        <translation>本单未保存：%1</translation>
    </message>
    <message>
        <source>There is no active staff member %1.</source>
        <translation>没有在职员工 %1。</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>The disk is full: nothing was saved. Free some space and try again.</source>
        <translation>磁盘已满，未保存任何数据。请清理空间后重试。</translation>
    </message>
    <message>
        <source>The disk reported an I/O error: nothing was saved (%1).</source>
        <translation>磁盘读写错误，未保存任何数据（%1）。</translation>
    </message>
    <message>
        <source>The database is busy with another program: nothing was saved. Try again.</source>
        <translation>数据库正被其他程序占用，未保存任何数据。请重试。</translation>
    </message>
    <message>
        <source>The database file is damaged or not a till database (%1).</source>
        <translation>数据库文件已损坏或不是收银数据库（%1）。</translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation>无法打开数据库 %1：%2</translation>
    </message>
    <message>
        <source>No transaction is open.</source>
        <translation>没有进行中的事务。</translation>
    </message>
    <message>
        <source>Cannot read the schema version of %1.</source>
        <translation>无法读取 %1 的数据库版本。</translation>
    </message>
    <message>
        <source>The database %1 was written by a newer version (schema %2, this till knows %3).</source>
        <translation>数据库 %1 由更新的版本写入（结构版本 %2，本收银机只支持到 %3）。</translation>
    </message>
    <message>
        <source>Upgrading the database to version %1 failed: %2</source>
        <translation>数据库升级到版本 %1 失败：%2</translation>
    </message>
    <message>
        <source>%1 is not a till database (or its first page is damaged). Nothing was changed or moved: give the till its own database file with --db.</source>
        <translation>%1 不是收银数据库（或其首页已损坏）。未做任何更改或移动：请用 --db 为收银机指定它自己的数据库文件。</translation>
    </message>
    <message>
        <source>its check could not run (%1)</source>
        <translation>数据库检查无法进行（%1）</translation>
    </message>
    <message>
        <source>the disk is full (%1 KB free)</source>
        <translation>磁盘已满（仅剩 %1 KB）</translation>
    </message>
    <message>
        <source>The till cannot open %1 now: %2. Nothing was changed or moved; it opens as soon as that is put right.</source>
        <translation>收银机现在无法打开 %1：%2。未做任何更改或移动；问题解决后即可打开。</translation>
    </message>
    <message>
        <source>The database %1 failed its check (%2). Another program (process %3) has it open, so it was not moved: close the till and posctl, then start the till again to set it aside.</source>
        <translation>数据库 %1 检查未通过（%2）。另一个程序（进程 %3）正在使用它，因此未移动：请关闭收银机和 posctl，再重新启动收银机，以将其移到一旁。</translation>
    </message>
    <message>
        <source>No savepoint is open.</source>
        <translation>没有已打开的保存点。</translation>
    </message>
</context>
<context>
    <name>DemoStore</name>
    <message>
        <source>The demo data %1 is missing from this build.</source>
        <translation>本版本缺少演示数据 %1。</translation>
    </message>
    <message>
        <source>products.csv line %1 is malformed.</source>
        <translation>products.csv 第 %1 行格式错误。</translation>
    </message>
    <message>
        <source>The demo store names an unknown role.</source>
        <translation>演示门店数据中有未知的角色。</translation>
    </message>
</context>
<context>
    <name>Discount</name>
    <message>
        <source>A percentage discount must be between 0% and 100%: &quot;%1&quot;</source>
        <translation>百分比优惠必须在 0% 到 100% 之间：“%1”</translation>
    </message>
    <message>
        <source>Not a valid 折 discount: &quot;%1&quot;</source>
        <translation>无效的折扣：“%1”</translation>
    </message>
    <message>
        <source>Not a valid discount: &quot;%1&quot; (try 20, 15% or 8.5折)</source>
        <translation>无效的优惠：“%1”（可输入 20、15% 或 8.5折）</translation>
    </message>
</context>
<context>
    <name>EvdevScanner</name>
    <message>
        <source>An input-device scanner is evdev:/dev/input/by-id/…-event-kbd, not &quot;%1&quot;.</source>
        <translation>输入设备扫码枪地址应为 evdev:/dev/input/by-id/…-event-kbd，而不是“%1”。</translation>
    </message>
    <message>
        <source>Cannot read the scanner at %1: %2 (the till&apos;s user needs the input group, or a udev rule).</source>
        <translation>无法读取 %1 上的扫码枪：%2（收银机用户需加入 input 组，或安装 udev 规则）。</translation>
    </message>
    <message>
        <source>The scanner at %1 is gone.</source>
        <translation>%1 上的扫码枪已断开。</translation>
    </message>
    <message>
        <source>Scanner connected (not exclusive)</source>
        <translation>扫码枪已连接（非独占）</translation>
    </message>
</context>
<context>
    <name>FileTransport</name>
    <message>
        <source>cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>writing to %1 failed: %2</source>
        <translation>写入 %1 失败：%2</translation>
    </message>
</context>
<context>
    <name>Gs1</name>
    <message>
        <source>expected &quot;(&quot; at position %1</source>
        <translation>第 %1 位应为“(”</translation>
    </message>
    <message>
        <source>an AI is not closed with &quot;)&quot;</source>
        <translation>应用标识符缺少“)”</translation>
    </message>
    <message>
        <source>unknown GS1 application identifier at &quot;%1&quot;</source>
        <translation>未知的 GS1 应用标识符“%1”</translation>
    </message>
    <message>
        <source>(%1) needs %2 characters</source>
        <translation>(%1) 需要 %2 个字符</translation>
    </message>
    <message>
        <source>(%1) must have 1 to %2 characters</source>
        <translation>(%1) 须为 1 到 %2 个字符</translation>
    </message>
    <message>
        <source>(%1) %2 has a wrong check digit</source>
        <translation>(%1) %2 校验位错误</translation>
    </message>
    <message>
        <source>(%1) %2 is not a date (YYMMDD)</source>
        <translation>(%1) %2 不是日期（YYMMDD）</translation>
    </message>
    <message>
        <source>(%1) must be digits</source>
        <translation>(%1) 必须是数字</translation>
    </message>
    <message>
        <source>no GS1 data</source>
        <translation>没有 GS1 数据</translation>
    </message>
</context>
<context>
    <name>HeldSaleService</name>
    <message>
        <source>There is nothing to hold.</source>
        <translation>没有可挂起的商品。</translation>
    </message>
    <message>
        <source>That held sale no longer exists.</source>
        <translation>该挂单已不存在。</translation>
    </message>
</context>
<context>
    <name>HidPosLayout</name>
    <message>
        <source>The report descriptor ends inside an item.</source>
        <translation>报告描述符在一个条目中间就结束了。</translation>
    </message>
    <message>
        <source>The report descriptor declares an impossibly large report.</source>
        <translation>报告描述符声明的报告长度不可能这么大。</translation>
    </message>
    <message>
        <source>It is not a barcode scanner in HID POS mode (no Decoded Data on usage page 0x8C).</source>
        <translation>这不是 HID POS 模式的扫码枪（用途页 0x8C 上没有解码数据）。</translation>
    </message>
</context>
<context>
    <name>HqClient</name>
    <message>
        <source>HQ&apos;s key is not the one this till was set up to trust (pinned key mismatch).</source>
        <translation>总部的密钥不是本收银机设定信任的那一个（固定公钥不符）。</translation>
    </message>
    <message>
        <source>HQ did not answer in time.</source>
        <translation>总部没有及时应答。</translation>
    </message>
    <message>
        <source>HQ answered %1.</source>
        <translation>总部返回了 %1。</translation>
    </message>
</context>
<context>
    <name>HqStore</name>
    <message>
        <source>A database is sqlite:PATH or postgresql://USER:PASSWORD@HOST:PORT/NAME, not &quot;%1&quot;.</source>
        <translation>数据库地址应为 sqlite:路径 或 postgresql://用户:密码@主机:端口/库名，而不是“%1”。</translation>
    </message>
    <message>
        <source>PostgreSQL needs Qt&apos;s driver (Debian: libqt6sql6-psql).</source>
        <translation>使用 PostgreSQL 需要 Qt 的驱动（Debian：libqt6sql6-psql）。</translation>
    </message>
    <message>
        <source>Cannot open the HQ database: %1</source>
        <translation>无法打开总部数据库：%1</translation>
    </message>
    <message>
        <source>The HQ database was written by a newer pos-hq (schema %1, this one knows %2).</source>
        <translation>总部数据库由更新版本的 pos-hq 写入（结构版本 %1，本程序只支持到 %2）。</translation>
    </message>
    <message>
        <source>Upgrading the HQ database to version %1 failed: %2</source>
        <translation>总部数据库升级到版本 %1 失败：%2</translation>
    </message>
    <message>
        <source>A store id is 1 to 8 capital letters or digits (like S01), not &quot;%1&quot;.</source>
        <translation>门店编号为 1 到 8 位大写字母或数字（如 S01），而不是“%1”。</translation>
    </message>
    <message>
        <source>There is no store %1 (add it first: pos-hq stores add %1 NAME).</source>
        <translation>没有门店 %1（请先添加：pos-hq stores add %1 名称）。</translation>
    </message>
    <message>
        <source>A terminal id is 1 to 8 capital letters or digits (like T01), not &quot;%1&quot;.</source>
        <translation>收银机编号为 1 到 8 位大写字母或数字（如 T01），而不是“%1”。</translation>
    </message>
    <message>
        <source>the code is for %1/%2, not for %3/%4</source>
        <translation>该注册码属于 %1/%2，不属于 %3/%4</translation>
    </message>
    <message>
        <source>The enrolment code is wrong, already used or expired.</source>
        <translation>注册码错误、已被使用或已过期。</translation>
    </message>
    <message>
        <source>There is no terminal %1/%2.</source>
        <translation>没有收银机 %1/%2。</translation>
    </message>
    <message>
        <source>an event needs id, topic, ref and payload</source>
        <translation>事件需要 id、topic、ref 和 payload</translation>
    </message>
    <message>
        <source>unknown topic &quot;%1&quot;</source>
        <translation>未知主题“%1”</translation>
    </message>
    <message>
        <source>payload.%1 is not the event&apos;s ref</source>
        <translation>payload.%1 与事件的 ref 不一致</translation>
    </message>
    <message>
        <source>payload needs number, business_date and %1</source>
        <translation>payload 需要 number、business_date 和 %1</translation>
    </message>
    <message>
        <source>%1 %2 belongs to %3/%4, not to the terminal that sent it (%5/%6)</source>
        <translation>%1 %2 属于 %3/%4，不属于发送它的收银机（%5/%6）</translation>
    </message>
    <message>
        <source>number %1 is already used by another %2</source>
        <translation>单号 %1 已被另一张%2使用</translation>
    </message>
    <message>
        <source>A guide needs an id (letters and digits, like G07) and a name.</source>
        <translation>导购需要编号（字母和数字，如 G07）和姓名。</translation>
    </message>
    <message>
        <source>There is no guide %1 still employed.</source>
        <translation>没有在职导购 %1。</translation>
    </message>
    <message>
        <source>The heir %1 is not an employed guide.</source>
        <translation>继承人 %1 不是在职导购。</translation>
    </message>
    <message>
        <source>A member id is M and 4 to 10 digits (like M0042), not &quot;%1&quot;.</source>
        <translation>会员编号为 M 加 4 到 10 位数字（如 M0042），而不是“%1”。</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>a binding needs member, guide, at and an outcome</source>
        <translation>绑定事件需要 member、guide、at 和 outcome</translation>
    </message>
    <message>
        <source>The catalog needs the columns sku, barcodes, name, category, price_fen, commission_bp (and optionally active); &quot;%1&quot; is missing.</source>
        <translation>商品目录需要 sku、barcodes、name、category、price_fen、commission_bp 列（active 可选）；缺少“%1”。</translation>
    </message>
    <message>
        <source>line %1: needs a sku, a name, price_fen ≥ 0 and commission_bp 0–10000</source>
        <translation>第 %1 行：需要 sku、name、price_fen ≥ 0 以及 0–10000 的 commission_bp</translation>
    </message>
    <message>
        <source>Not a policy: %1</source>
        <translation>不是有效的规则：%1</translation>
    </message>
    <message>
        <source>Set the chain&apos;s attribution policy first (pos-hq policy set FILE.json): HQ must use the tills&apos; rules.</source>
        <translation>请先设置连锁的业绩归属规则（pos-hq policy set 文件.json）：总部必须与收银机使用同一套规则。</translation>
    </message>
    <message>
        <source>Name the token after who or what uses it (e.g. bi-dashboard).</source>
        <translation>请按使用者为令牌命名（如 bi-dashboard）。</translation>
    </message>
</context>
<context>
    <name>IngestCheck</name>
    <message>
        <source>created_at must be a date and time with its offset, not &quot;%1&quot;</source>
        <translation>created_at 必须是带时区偏移的日期时间，而不是“%1”</translation>
    </message>
    <message>
        <source>the total must be whole fen from 0 to %1</source>
        <translation>总额必须是 0 到 %1 之间的整数（分）</translation>
    </message>
    <message>
        <source>%1 must be whole fen from 0 to %2</source>
        <translation>%1 必须是 0 到 %2 之间的整数（分）</translation>
    </message>
    <message>
        <source>a till&apos;s order is a store order (channel &quot;store&quot;), not &quot;%1&quot;</source>
        <translation>收银台的订单只能是门店订单（渠道“store”），而不是“%1”</translation>
    </message>
    <message>
        <source>the lines&apos; amounts must be whole fen adding up to the total</source>
        <translation>各行金额必须是整数（分），且合计等于总额</translation>
    </message>
    <message>
        <source>the payments must be whole fen adding up to the total</source>
        <translation>各笔付款必须是整数（分），且合计等于总额</translation>
    </message>
    <message>
        <source>what was paid less the change must be the total</source>
        <translation>实收减去找零必须等于总额</translation>
    </message>
    <message>
        <source>the guides&apos; credits must be whole fen above 0, together no more than the total</source>
        <translation>导购业绩必须是大于 0 的整数（分），合计不超过总额</translation>
    </message>
    <message>
        <source>each credit names a guide and is a sales or an exclusive credit</source>
        <translation>每条业绩都须注明导购，且为销售业绩或专属业绩</translation>
    </message>
    <message>
        <source>paid_at and business_date must be a real time and the day it fell on</source>
        <translation>paid_at 和 business_date 必须是真实的时间及其所在的营业日</translation>
    </message>
    <message>
        <source>paid_at must be within a day of the event&apos;s created_at</source>
        <translation>paid_at 与事件的 created_at 相差不得超过一天</translation>
    </message>
    <message>
        <source>a refund&apos;s amount must be whole fen from 1 to %1</source>
        <translation>退款金额必须是 1 到 %1 之间的整数（分）</translation>
    </message>
    <message>
        <source>there is no order %1 of this store to refund</source>
        <translation>本店没有可退款的订单 %1</translation>
    </message>
    <message>
        <source>the refund of %1 fen is more than the %2 fen left of order %3</source>
        <translation>退款 %1 分超过了订单 %3 剩余可退的 %2 分</translation>
    </message>
    <message>
        <source>the refunded lines must be whole fen adding up to the amount</source>
        <translation>退款各行必须是整数（分），且合计等于退款金额</translation>
    </message>
    <message>
        <source>the refunded payments must be whole fen adding up to the amount</source>
        <translation>退款各笔付款必须是整数（分），且合计等于退款金额</translation>
    </message>
    <message>
        <source>a refund&apos;s credits are reversals: whole fen below 0</source>
        <translation>退款的业绩是冲回：必须是小于 0 的整数（分）</translation>
    </message>
    <message>
        <source>the reversed credits must be no more than the amount refunded</source>
        <translation>冲回的业绩不得超过退款金额</translation>
    </message>
    <message>
        <source>refunded_at must be a real time within a day of the event&apos;s created_at</source>
        <translation>refunded_at 必须是真实的时间，且与事件的 created_at 相差不超过一天</translation>
    </message>
</context>
<context>
    <name>LookupService</name>
    <message>
        <source>No barcode or SKU was given.</source>
        <translation>未输入条码或货号。</translation>
    </message>
    <message>
        <source>Unknown barcode or SKU: %1</source>
        <translation>未知条码或货号：%1</translation>
    </message>
    <message>
        <source>%1 (%2) is no longer on sale.</source>
        <translation>%1（%2）已停售。</translation>
    </message>
    <message>
        <source>Unknown guide: %1</source>
        <translation>未知导购：%1</translation>
    </message>
    <message>
        <source>%1 (%2) has left the company and cannot be credited with sales.</source>
        <translation>%1（%2）已离职，不能计入业绩。</translation>
    </message>
    <message>
        <source>No member code or phone number was given.</source>
        <translation>未输入会员码或手机号。</translation>
    </message>
    <message>
        <source>No member with code or phone %1.</source>
        <translation>没有会员码或手机号为 %1 的会员。</translation>
    </message>
</context>
<context>
    <name>OrderHistory</name>
    <message>
        <source>No order %1 on this till.</source>
        <translation>本收银机没有订单 %1。</translation>
    </message>
</context>
<context>
    <name>PngTransport</name>
    <message>
        <source>the preview is not open</source>
        <translation>预览未打开</translation>
    </message>
    <message>
        <source>cannot write the preview %1: %2</source>
        <translation>无法写入预览 %1：%2</translation>
    </message>
</context>
<context>
    <name>PosHq</name>
    <message>
        <source>wrong arguments (see pos-hq --help)</source>
        <translation>参数有误（见 pos-hq --help）</translation>
    </message>
    <message>
        <source>Address and port, e.g. 127.0.0.1:8443 (port 0: any free one).</source>
        <translation>地址和端口，例如 127.0.0.1:8443（端口 0：任选空闲端口）。</translation>
    </message>
    <message>
        <source>The server certificate (PEM), signed by the chain&apos;s CA.</source>
        <translation>服务器证书（PEM），由连锁的 CA 签发。</translation>
    </message>
    <message>
        <source>The server&apos;s private key (PEM).</source>
        <translation>服务器私钥（PEM）。</translation>
    </message>
    <message>
        <source>Answer 503 with this Retry-After to every call.</source>
        <translation>对所有请求返回 503 及该 Retry-After。</translation>
    </message>
    <message>
        <source>--listen needs HOST:PORT, e.g. 127.0.0.1:8443</source>
        <translation>--listen 需要 主机:端口，例如 127.0.0.1:8443</translation>
    </message>
    <message>
        <source>HQ speaks HTTPS only: give --cert and --key</source>
        <translation>总部只使用 HTTPS：请提供 --cert 和 --key</translation>
    </message>
    <message>
        <source>pos-hq listening on https://%1:%2</source>
        <translation>pos-hq 正在监听 https://%1:%2</translation>
    </message>
    <message>
        <source>use: pos-hq stores add ID NAME</source>
        <translation>用法：pos-hq stores add 编号 名称</translation>
    </message>
    <message>
        <source>The store, e.g. S01.</source>
        <translation>门店，例如 S01。</translation>
    </message>
    <message>
        <source>The till, e.g. T01.</source>
        <translation>收银机，例如 T01。</translation>
    </message>
    <message>
        <source>How long the code may be used (default 24).</source>
        <translation>注册码的有效小时数（默认 24）。</translation>
    </message>
    <message>
        <source>--valid-hours is 1 to 720</source>
        <translation>--valid-hours 为 1 到 720</translation>
    </message>
    <message>
        <source>Revoke this terminal: its secret stops working at once.</source>
        <translation>吊销该收银机：其密钥立即失效。</translation>
    </message>
    <message>
        <source>--revoke needs STORE/TERMINAL, e.g. S01/T01</source>
        <translation>--revoke 需要 门店/收银机，例如 S01/T01</translation>
    </message>
    <message>
        <source>enrolled %1</source>
        <translation>%1 注册</translation>
    </message>
    <message>
        <source>revoked %1</source>
        <translation>%1 吊销</translation>
    </message>
    <message>
        <source>A business day, YYYY-MM-DD (default: every day).</source>
        <translation>营业日，YYYY-MM-DD（默认：所有日期）。</translation>
    </message>
    <message>
        <source>One JSON object per order.</source>
        <translation>每个订单一个 JSON 对象。</translation>
    </message>
    <message>
        <source>orders needs --store ID</source>
        <translation>orders 需要 --store 编号</translation>
    </message>
    <message>
        <source>bad date &quot;%1&quot; (use YYYY-MM-DD)</source>
        <translation>日期“%1”无效（格式 YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>The business day, YYYY-MM-DD.</source>
        <translation>营业日，YYYY-MM-DD。</translation>
    </message>
    <message>
        <source>One JSON object per guide.</source>
        <translation>每位导购一个 JSON 对象。</translation>
    </message>
    <message>
        <source>leaderboard needs --store ID and --date YYYY-MM-DD</source>
        <translation>leaderboard 需要 --store 编号 和 --date YYYY-MM-DD</translation>
    </message>
    <message>
        <source>unknown option %1 (see pos-hq --help)</source>
        <translation>未知选项 %1（见 pos-hq --help）</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot; (see pos-hq --help)</source>
        <translation>未知命令“%1”（见 pos-hq --help）</translation>
    </message>
    <message>
        <source>With add: the guide&apos;s store.</source>
        <translation>与 add 一起：导购所在门店。</translation>
    </message>
    <message>
        <source>With depart: who inherits the guide&apos;s customers.</source>
        <translation>与 depart 一起：由谁继承该导购的顾客。</translation>
    </message>
    <message>
        <source>use: pos-hq guides add ID NAME --store S01 | guides depart ID [--heir ID]</source>
        <translation>用法：pos-hq guides add 编号 姓名 --store S01 | guides depart 编号 [--heir 编号]</translation>
    </message>
    <message>
        <source>Done; the store&apos;s tills get it at their next sync.</source>
        <translation>完成；门店收银机下次同步时会收到。</translation>
    </message>
    <message>
        <source>The member&apos;s mobile number.</source>
        <translation>会员手机号。</translation>
    </message>
    <message>
        <source>The member&apos;s name.</source>
        <translation>会员姓名。</translation>
    </message>
    <message>
        <source>Bind the member to this exclusive guide.</source>
        <translation>把会员绑定给该专属导购。</translation>
    </message>
    <message>
        <source>use: pos-hq members add ID --phone P --name N [--guide ID]</source>
        <translation>用法：pos-hq members add 编号 --phone 手机 --name 姓名 [--guide 编号]</translation>
    </message>
    <message>
        <source>Done; every store&apos;s tills get it at their next sync.</source>
        <translation>完成；所有门店的收银机下次同步时会收到。</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 line(s) kept, %2 bad; %3 new online credit(s) for the stores&apos; tills.</source>
        <translation>保留 %1 行，%2 行有误；为门店收银机新增 %3 笔线上业绩。</translation>
    </message>
    <message>
        <source>use: pos-hq catalog import FILE.csv</source>
        <translation>用法：pos-hq catalog import 文件.csv</translation>
    </message>
    <message>
        <source>%1 product(s) changed (sent to every till), %2 unchanged, %3 bad line(s).</source>
        <translation>%1 个商品有变化（已下发到所有收银机），%2 个未变，%3 行有误。</translation>
    </message>
    <message>
        <source>use: pos-hq policy [set FILE.json]</source>
        <translation>用法：pos-hq policy [set 文件.json]</translation>
    </message>
    <message>
        <source>No policy set: the tills use their own.</source>
        <translation>尚未设置规则：各收银机使用自己的规则。</translation>
    </message>
    <message>
        <source>%1 order(s) and refund(s) recomputed; %2 adjusting credit(s) sent to the stores.</source>
        <translation>已重算 %1 笔订单和退货；向门店下发 %2 笔调整业绩。</translation>
    </message>
    <message>
        <source>Recompute the store credits every so many minutes (0: never; default 15).</source>
        <translation>每隔多少分钟重算一次门店业绩（0：从不；默认 15）。</translation>
    </message>
    <message>
        <source>use: pos-hq admin-token NAME</source>
        <translation>用法：pos-hq admin-token 名称</translation>
    </message>
    <message>
        <source>Usage: pos-hq [--database URL] COMMAND [OPTIONS]

Commands:
  serve --listen HOST:PORT --cert CERT.pem --key KEY.pem [--reconcile-every MINUTES]
        [--maintenance SECONDS]
                                      serve the tills over HTTPS (sync/PROTOCOL.md)
  stores [add ID NAME]                list the stores, or add one
  enroll --store S01 --terminal T01 [--valid-hours 24]
                                      print a one-time code for a till to enrol with
  terminals [--revoke S01/T01]        list the enrolled terminals, or revoke one
  guides add ID NAME --store S01 | guides depart ID [--heir ID]
                                      the chain&apos;s guides (sent to the store&apos;s tills)
  members add ID --phone P --name N [--guide ID]
                                      a member, bound to an exclusive guide (sent to every till)
  catalog import FILE.csv             the chain&apos;s products and prices (changes go to every till)
  policy [set FILE.json]              the chain&apos;s attribution policy (sent to every till)
  reconcile                           recompute the store credits from everything HQ knows;
                                      differences go to the stores as adjusting credits
  online-order FILE.jsonl             the web shop&apos;s attribution events (orders, share-link
                                      clicks, binds; spec §10): online credits for the stores
  admin-token NAME                    a token for the chain&apos;s reports over HTTPS:
                                      GET /v1/hq/leaderboard|orders|ledger (sync/PROTOCOL.md)
  orders --store S01 [--date YYYY-MM-DD] [--json]
                                      the orders HQ holds for a store
  leaderboard --store S01 --date YYYY-MM-DD [--json]
                                      the store&apos;s guides ranked for a day
  ledger --store S01 --from YYYY-MM-DD [--to YYYY-MM-DD] [--json]
                                      every credit (tills&apos;, HQ&apos;s adjustments, online)

--database sqlite:PATH or postgresql://USER:PASSWORD@HOST:PORT/NAME (default %1).
--lang zh_CN|en overrides the system language.
Exit status: 0 done, 1 HQ could not do it, 2 bad input.
</source>
        <translation>用法：pos-hq [--database 地址] 命令 [选项]

命令：
  serve --listen 主机:端口 --cert 证书.pem --key 私钥.pem [--reconcile-every 分钟]
        [--maintenance 秒]
                                      通过 HTTPS 为收银机提供服务（sync/PROTOCOL.md）
  stores [add 编号 名称]              列出门店，或添加一家
  enroll --store S01 --terminal T01 [--valid-hours 24]
                                      生成一次性注册码，供收银机注册
  terminals [--revoke S01/T01]        列出已注册的收银机，或吊销一台
  guides add 编号 姓名 --store S01 | guides depart 编号 [--heir 编号]
                                      连锁的导购（下发到门店收银机）
  members add 编号 --phone 手机 --name 姓名 [--guide 编号]
                                      会员，可绑定专属导购（下发到所有收银机）
  catalog import 文件.csv             连锁的商品与价格（有变化的下发到所有收银机）
  policy [set 文件.json]              连锁的业绩归属规则（下发到所有收银机）
  reconcile                           用总部掌握的全部信息重算门店业绩；
                                      差额作为调整业绩下发到门店
  online-order 文件.jsonl             网店的业绩归属事件（订单、分享链接点击、绑定；
                                      规格 §10）：为门店计算线上业绩
  admin-token 名称                    生成访问连锁报表的令牌（HTTPS）：
                                      GET /v1/hq/leaderboard|orders|ledger（sync/PROTOCOL.md）
  orders --store S01 [--date YYYY-MM-DD] [--json]
                                      总部收到的某门店订单
  leaderboard --store S01 --date YYYY-MM-DD [--json]
                                      某门店某天的导购业绩排行
  ledger --store S01 --from YYYY-MM-DD [--to YYYY-MM-DD] [--json]
                                      每一笔业绩（收银机的、总部调整的、线上的）

--database 为 sqlite:路径 或 postgresql://用户:密码@主机:端口/库名（默认 %1）。
--lang zh_CN|en 指定语言（默认跟随系统）。
退出码：0 成功，1 总部无法完成，2 输入有误。
</translation>
    </message>
    <message>
        <source>The first business day, YYYY-MM-DD.</source>
        <translation>起始营业日，YYYY-MM-DD。</translation>
    </message>
    <message>
        <source>The last business day, YYYY-MM-DD (default: the first).</source>
        <translation>结束营业日，YYYY-MM-DD（默认同起始日）。</translation>
    </message>
    <message>
        <source>One JSON object per credit.</source>
        <translation>每笔业绩一个 JSON 对象。</translation>
    </message>
    <message>
        <source>ledger needs --store ID and --from YYYY-MM-DD [--to YYYY-MM-DD]</source>
        <translation>ledger 需要 --store 编号 和 --from YYYY-MM-DD [--to YYYY-MM-DD]</translation>
    </message>
</context>
<context>
    <name>Posctl</name>
    <message>
        <source>Load the demo store.</source>
        <translation>载入演示门店。</translation>
    </message>
    <message>
        <source>Database %1 is ready (schema %2).</source>
        <translation>数据库 %1 已就绪（结构版本 %2）。</translation>
    </message>
    <message>
        <source>Store %1 %2, terminal %3: %4 products, %5 guides, %6 members.</source>
        <translation>门店 %1 %2，收银机 %3：%4 个商品，%5 名导购，%6 名会员。</translation>
    </message>
    <message>
        <source>Name, pinyin initials, SKU or barcode.</source>
        <translation>名称、拼音首字母、货号或条码。</translation>
    </message>
    <message>
        <source>One JSON object per line.</source>
        <translation>每行一个 JSON 对象。</translation>
    </message>
    <message>
        <source>--search needs some text.</source>
        <translation>--search 需要搜索内容。</translation>
    </message>
    <message>
        <source>(withdrawn)</source>
        <translation>（已停售）</translation>
    </message>
    <message>
        <source>No product matches &quot;%1&quot;.</source>
        <translation>没有匹配“%1”的商品。</translation>
    </message>
    <message>
        <source>active</source>
        <translation>在职</translation>
    </message>
    <message>
        <source>departed %1</source>
        <translation>%1 离职</translation>
    </message>
    <message>
        <source>missing argument (see posctl --help)</source>
        <translation>缺少参数（见 posctl --help）</translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot; (see posctl --help)</source>
        <translation>多余的参数“%1”（见 posctl --help）</translation>
    </message>
    <message>
        <source>--db needs a file path.</source>
        <translation>--db 需要文件路径。</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot; (see posctl --help)</source>
        <translation>未知命令“%1”（见 posctl --help）</translation>
    </message>
    <message>
        <source>unknown payment method &quot;%1&quot; (cash, card, wechat or alipay)</source>
        <translation>未知支付方式“%1”（cash、card、wechat 或 alipay）</translation>
    </message>
    <message>
        <source>malformed amount &quot;%1&quot; in --pay %2 (yuan, at most two decimals)</source>
        <translation>--pay %2 中的金额“%1”格式错误（单位元，最多两位小数）</translation>
    </message>
    <message>
        <source>the amount in --pay %1 must be more than zero</source>
        <translation>--pay %1 的金额必须大于零</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Order %1  %2</source>
        <translation>订单 %1  %2</translation>
    </message>
    <message>
        <source>  discount</source>
        <translation>  优惠</translation>
    </message>
    <message>
        <source>  Total %1   Paid %2   Change %3</source>
        <translation>  应收 %1   实收 %2   找零 %3</translation>
    </message>
    <message>
        <source>ref %1</source>
        <translation>参考号 %1</translation>
    </message>
    <message>
        <source>  Guide: %1</source>
        <translation>  导购：%1</translation>
    </message>
    <message>
        <source>   Member: %1</source>
        <translation>   会员：%1</translation>
    </message>
    <message>
        <source> (exclusive guide %1)</source>
        <translation>（专属导购 %1）</translation>
    </message>
    <message>
        <source>The guide who served the customer.</source>
        <translation>服务顾客的导购。</translation>
    </message>
    <message>
        <source>Member code or phone.</source>
        <translation>会员码或手机号。</translation>
    </message>
    <message>
        <source>A barcode or SKU, optionally *quantity.</source>
        <translation>条码或货号，可加 *数量。</translation>
    </message>
    <message>
        <source>A tender: cash, card, wechat or alipay, amount in yuan, reference.</source>
        <translation>支付：cash、card、wechat 或 alipay，金额（元），参考号。</translation>
    </message>
    <message>
        <source>An order discount: 20, 15% or 8.5折.</source>
        <translation>整单优惠：20、15% 或 8.5折。</translation>
    </message>
    <message>
        <source>Print the order as JSON.</source>
        <translation>以 JSON 输出订单。</translation>
    </message>
    <message>
        <source>a sale needs at least one --scan</source>
        <translation>一笔销售至少需要一个 --scan</translation>
    </message>
    <message>
        <source>a sale needs at least one --pay (e.g. --pay cash)</source>
        <translation>一笔销售至少需要一个 --pay（例如 --pay cash）</translation>
    </message>
    <message>
        <source>--guide needs a guide id</source>
        <translation>--guide 需要导购编号</translation>
    </message>
    <message>
        <source>--member needs a member code or phone</source>
        <translation>--member 需要会员码或手机号</translation>
    </message>
    <message>
        <source>Business day, YYYY-MM-DD (store time).</source>
        <translation>营业日，YYYY-MM-DD（门店时间）。</translation>
    </message>
    <message>
        <source>bad date &quot;%1&quot; (use YYYY-MM-DD)</source>
        <translation>日期“%1”无效（格式 YYYY-MM-DD）</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s), %1</source>
        <translation>
            <numerusform>共 %n 单，%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Order number (or id).</source>
        <translation>订单号（或订单 ID）。</translation>
    </message>
    <message>
        <source>Say why each credit went where it did.</source>
        <translation>说明每笔业绩为何归属于该导购。</translation>
    </message>
    <message>
        <source>Events, one JSON object a line (- for standard input).</source>
        <translation>事件文件，每行一个 JSON 对象（- 表示标准输入）。</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>The business day (today by default).</source>
        <translation>营业日（默认今天）。</translation>
    </message>
    <message>
        <source>This till is not set up for a store yet (run posctl init --demo).</source>
        <translation>此收银机尚未设置门店（请运行 posctl init --demo）。</translation>
    </message>
    <message>
        <source>  %1 orders  %2 members  %3 vs the day before</source>
        <translation>  %1 单  %2 位新会员  较前一天 %3</translation>
    </message>
    <message>
        <source>Online amounts: no figures from HQ yet.</source>
        <translation>网店业绩：尚未收到总部数据。</translation>
    </message>
    <message>
        <source>A product to take back, optionally *quantity (default: the whole order).</source>
        <translation>要退的商品，可加 *数量（默认整单）。</translation>
    </message>
    <message>
        <source>Print the refund as JSON.</source>
        <translation>以 JSON 输出退货单。</translation>
    </message>
    <message>
        <source>The order number on the receipt.</source>
        <translation>小票上的订单号。</translation>
    </message>
    <message>
        <source>Refund %1 of order %2: %3</source>
        <translation>退货单 %1（原单 %2）：%3</translation>
    </message>
    <message>
        <source>  back to %1: %2</source>
        <translation>  退回%1：%2</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <translation>%1 %2（%3）</translation>
    </message>
    <message>
        <source>exclusive</source>
        <translation>专属</translation>
    </message>
    <message>
        <source>sales</source>
        <translation>销售</translation>
    </message>
    <message>
        <source>  Credited: %1   (policy %2)</source>
        <translation>  业绩归属：%1   （规则版本 %2）</translation>
    </message>
    <message>
        <source>bad quantity in %1 %2 (a whole number from 1 to %3)</source>
        <translation>%1 %2 中的数量有误（须为 1 到 %3 的整数）</translation>
    </message>
    <message>
        <source>%1 needs a barcode or SKU</source>
        <translation>%1 需要条码或货号</translation>
    </message>
    <message>
        <source>There is no guide %1.</source>
        <translation>没有编号为 %1 的导购。</translation>
    </message>
    <message>
        <source>why: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <source>List this guide&apos;s credits of the day and why each went to them.</source>
        <translation>列出该导购当天的每笔业绩及归属原因。</translation>
    </message>
    <message>
        <source>One JSON object per guide (or per credit).</source>
        <translation>每位导购（或每笔业绩）一个 JSON 对象。</translation>
    </message>
    <message>
        <source>Online amounts from HQ as of %1.</source>
        <translation>线上业绩来自总部，截至 %1。</translation>
    </message>
    <message>
        <source>One JSON object per printer.</source>
        <translation>每台打印机一个 JSON 对象。</translation>
    </message>
    <message>
        <source>USB: not available (%1)</source>
        <translation>USB：不可用（%1）</translation>
    </message>
    <message>
        <source>  (bus %1 device %2, interface %3%4)</source>
        <translation>  （总线 %1 设备 %2，接口 %3%4）</translation>
    </message>
    <message>
        <source>No USB receipt printer found.</source>
        <translation>未发现 USB 小票打印机。</translation>
    </message>
    <message>
        <source>Receipt printer: %1</source>
        <translation>小票打印机：%1</translation>
    </message>
    <message>
        <source>Print a test page.</source>
        <translation>打印测试页。</translation>
    </message>
    <message>
        <source>Print this order&apos;s receipt.</source>
        <translation>打印该订单的小票。</translation>
    </message>
    <message>
        <source>Printer profile (see the profiles list in the README).</source>
        <translation>打印机型号配置（见 README 中的列表）。</translation>
    </message>
    <message>
        <source>--width must be 58 or 80.</source>
        <translation>--width 只能是 58 或 80。</translation>
    </message>
    <message>
        <source>unknown printer profile &quot;%1&quot; (known: %2)</source>
        <translation>未知的打印机配置“%1”（可用：%2）</translation>
    </message>
    <message>
        <source>not printed: %1</source>
        <translation>未打印：%1</translation>
    </message>
    <message>
        <source>Printed on %1 (%2).</source>
        <translation>已打印到 %1（%2）。</translation>
    </message>
    <message>
        <source>Do not print the refund receipt.</source>
        <translation>不打印退货小票。</translation>
    </message>
    <message>
        <source>Receipt printer removed: receipts are no longer printed.</source>
        <translation>已移除小票打印机：不再打印小票。</translation>
    </message>
    <message>
        <source>, profile %1</source>
        <translation>，型号配置 %1</translation>
    </message>
    <message>
        <source>, %1 mm</source>
        <translation>，%1 毫米</translation>
    </message>
    <message>
        <source>Make this the till&apos;s receipt printer.</source>
        <translation>设为本收银机的小票打印机。</translation>
    </message>
    <message>
        <source>The till has no receipt printer any more.</source>
        <translation>本收银机不再使用小票打印机。</translation>
    </message>
    <message>
        <source>With --set: paper width in mm, 58 or 80.</source>
        <translation>与 --set 一起：纸宽（毫米），58 或 80。</translation>
    </message>
    <message>
        <source>With --set: the printer profile.</source>
        <translation>与 --set 一起：打印机型号配置。</translation>
    </message>
    <message>
        <source>use either --set URI or --clear.</source>
        <translation>--set URI 与 --clear 只能二选一。</translation>
    </message>
    <message>
        <source>--width and --profile go with --set URI.</source>
        <translation>--width 和 --profile 须与 --set URI 一起使用。</translation>
    </message>
    <message>
        <source>Receipt printer: not configured (posctl printers --set URI).</source>
        <translation>小票打印机：未设置（posctl printers --set URI）。</translation>
    </message>
    <message>
        <source>Where to print (default: the till&apos;s receipt printer): usb://VID:PID, usb://auto, tcp://HOST[:PORT], file:/dev/usb/lp0, serial:/dev/ttyUSB0[?baud=N], png:FILE.png.</source>
        <translation>打印到哪里（默认：本机小票打印机）：usb://VID:PID、usb://auto、tcp://主机[:端口]、file:/dev/usb/lp0、serial:/dev/ttyUSB0[?baud=N]、png:文件.png。</translation>
    </message>
    <message>
        <source>Print this refund&apos;s receipt.</source>
        <translation>打印该退货单的小票。</translation>
    </message>
    <message>
        <source>Print a copy, marked as such (a receipt already printed always is).</source>
        <translation>打印副本并标注“副本”（已打印过的小票总是如此）。</translation>
    </message>
    <message>
        <source>Paper width in mm: 58 or 80 (default: the till&apos;s setting, else 80).</source>
        <translation>纸宽（毫米）：58 或 80（默认：本机设置，否则 80）。</translation>
    </message>
    <message>
        <source>print needs exactly one of --test, --order NUMBER or --refund NUMBER.</source>
        <translation>print 需要且只需要 --test、--order 单号 或 --refund 单号 之一。</translation>
    </message>
    <message>
        <source>--copy goes with --order or --refund.</source>
        <translation>--copy 须与 --order 或 --refund 一起使用。</translation>
    </message>
    <message>
        <source>no receipt printer is set up: give --printer URI, or set one with posctl printers --set URI.</source>
        <translation>未设置小票打印机：请指定 --printer URI，或用 posctl printers --set URI 设置。</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>printing</source>
        <translation>打印中</translation>
    </message>
    <message>
        <source>printed %1</source>
        <translation>已打印 %1</translation>
    </message>
    <message>
        <source>failed, retrying</source>
        <translation>失败，自动重试中</translation>
    </message>
    <message>
        <source>failed, waiting for you</source>
        <translation>失败，等待处理</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>--%1 needs a job number (see posctl print-jobs).</source>
        <translation>--%1 需要打印任务编号（见 posctl print-jobs）。</translation>
    </message>
    <message>
        <source>Printed %1 on %2.</source>
        <translation>%1 已打印到 %2。</translation>
    </message>
    <message>
        <source>%1 was cancelled.</source>
        <translation>%1 已取消。</translation>
    </message>
    <message>
        <source>%1 not printed: %2. It waits in the print queue as job %3 (posctl print-jobs).</source>
        <translation>%1 未打印：%2。已保留在打印队列中，任务号 %3（posctl print-jobs）。</translation>
    </message>
    <message>
        <source>the receipt could not be queued: %1</source>
        <translation>小票无法加入打印队列：%1</translation>
    </message>
    <message>
        <source>The latest jobs, printed ones too (default: those not printed).</source>
        <translation>最近的任务，包括已打印的（默认只列未打印的）。</translation>
    </message>
    <message>
        <source>Print this job again now.</source>
        <translation>立即重新打印该任务。</translation>
    </message>
    <message>
        <source>Do not print this job.</source>
        <translation>不打印该任务。</translation>
    </message>
    <message>
        <source>Print every job whose turn has come.</source>
        <translation>打印所有已到时间的任务。</translation>
    </message>
    <message>
        <source>One JSON object per job.</source>
        <translation>每个任务一个 JSON 对象。</translation>
    </message>
    <message>
        <source>use one of --retry, --cancel or --run.</source>
        <translation>--retry、--cancel、--run 只能选一个。</translation>
    </message>
    <message>
        <source>%1 cancelled.</source>
        <translation>%1 已取消。</translation>
    </message>
    <message>
        <source>No receipt waits to be printed.</source>
        <translation>没有待打印的小票。</translation>
    </message>
    <message>
        <source>Do not print the receipt.</source>
        <translation>不打印小票。</translation>
    </message>
    <message>
        <source>Print the result as one JSON object.</source>
        <translation>以一个 JSON 对象输出结果。</translation>
    </message>
    <message>
        <source>What the scanner sent (\x1d or &lt;GS&gt; for the GS1 separator).</source>
        <translation>扫码枪发送的内容（GS1 分隔符写作 \x1d 或 &lt;GS&gt;）。</translation>
    </message>
    <message>
        <source>The keyboard-wedge scanner only.</source>
        <translation>只使用键盘模式扫码枪。</translation>
    </message>
    <message>
        <source>The store&apos;s weighted-code layout, e.g. 20-29:5:5:price or 28:5:5:weight.</source>
        <translation>本店称重码格式，例如 20-29:5:5:price 或 28:5:5:weight。</translation>
    </message>
    <message>
        <source>Weighted codes: prefixes %1, %2-digit item, %3-digit %4</source>
        <translation>称重码：前缀 %1，%2 位商品码，%3 位%4</translation>
    </message>
    <message>
        <source>price in fen</source>
        <translation>金额（分）</translation>
    </message>
    <message>
        <source>weight in grams</source>
        <translation>重量（克）</translation>
    </message>
    <message>
        <source>One JSON object per file.</source>
        <translation>每个文件一个 JSON 对象。</translation>
    </message>
    <message>
        <source>Images (PNG, JPEG, BMP…).</source>
        <translation>图片（PNG、JPEG、BMP…）。</translation>
    </message>
    <message>
        <source>cannot read %1 as an image: %2</source>
        <translation>无法把 %1 作为图片读取：%2</translation>
    </message>
    <message>
        <source>%1: no barcode found</source>
        <translation>%1：未找到条码</translation>
    </message>
    <message>
        <source>Scanner device: none</source>
        <translation>扫码设备：无</translation>
    </message>
    <message>
        <source>Scanner device: %1</source>
        <translation>扫码设备：%1</translation>
    </message>
    <message>
        <source>HID POS scanner %1 (%2)</source>
        <translation>HID POS 扫码枪 %1（%2）</translation>
    </message>
    <message>
        <source>serial/USB-COM %1 %2 (%3:%4)</source>
        <translation>串口/USB 虚拟串口 %1 %2（%3:%4）</translation>
    </message>
    <message>
        <source>keyboard device (a wedge scanner is one)</source>
        <translation>键盘设备（键盘模式扫码枪属于此类）</translation>
    </message>
    <message>
        <source>none found besides the keyboard wedge</source>
        <translation>除键盘模式扫码枪外未发现其他扫码设备</translation>
    </message>
    <message>
        <source>Use this scanner too: serial:/dev/ttyACM0[?baud=9600], a wedge scanner&apos;s own device evdev:/dev/input/by-id/…-event-kbd, or a HID POS scanner hidpos:auto|VID:PID|/dev/hidrawN.</source>
        <translation>同时使用此扫码枪：串口 serial:/dev/ttyACM0[?baud=9600]、键盘模式扫码枪自己的输入设备 evdev:/dev/input/by-id/…-event-kbd，或 HID POS 扫码枪 hidpos:auto|VID:PID|/dev/hidrawN。</translation>
    </message>
    <message>
        <source>List the scanners plugged in now, with their addresses.</source>
        <translation>列出当前连接的扫码设备及其地址。</translation>
    </message>
    <message>
        <source>Scanners found:</source>
        <translation>发现的扫码设备：</translation>
    </message>
    <message>
        <source>How the keyboard wedge tells a scanner from a person: gap=MS,min=N,tab=on|off,prefix=TEXT,suffix=TEXT (any of them).</source>
        <translation>键盘模式下如何区分扫码枪与人工输入：gap=毫秒,min=位数,tab=on|off,prefix=前缀,suffix=后缀（可只给其中几项）。</translation>
    </message>
    <message>
        <source>Keyboard-wedge scanner: always on (%1)</source>
        <translation>键盘模式扫码枪：始终启用（%1）</translation>
    </message>
    <message>
        <source>HQ&apos;s address, https://HOST[:PORT].</source>
        <translation>总部地址，https://主机[:端口]。</translation>
    </message>
    <message>
        <source>The one-time code from pos-hq enroll.</source>
        <translation>pos-hq enroll 给出的一次性注册码。</translation>
    </message>
    <message>
        <source>The chain&apos;s CA certificate (PEM): the only one this till will trust for HQ.</source>
        <translation>连锁的 CA 证书（PEM）：本收银机只信任它签发的总部证书。</translation>
    </message>
    <message>
        <source>Also pin HQ&apos;s key: the SHA-256 of its public key, base64.</source>
        <translation>同时固定总部的密钥：其公钥的 SHA-256，base64 编码。</translation>
    </message>
    <message>
        <source>enroll needs --ca CA.pem, the chain&apos;s CA certificate.</source>
        <translation>enroll 需要 --ca CA.pem，即连锁的 CA 证书。</translation>
    </message>
    <message>
        <source>Enrolled with %1 as %2/%3.</source>
        <translation>已在 %1 注册为 %2/%3。</translation>
    </message>
    <message>
        <source>Send what is waiting, then stop (exit 1 if HQ could not take it all).</source>
        <translation>上传待发记录后停止（总部未能全部接收时退出码为 1）。</translation>
    </message>
    <message>
        <source>Events per call, 1 to 500 (default 500).</source>
        <translation>每次请求的记录数，1 到 500（默认 500）。</translation>
    </message>
    <message>
        <source>--batch is 1 to 500</source>
        <translation>--batch 为 1 到 500</translation>
    </message>
    <message>
        <source>This till is not enrolled with HQ (posctl enroll URL CODE --ca CA.pem).</source>
        <translation>本收银机尚未在总部注册（posctl enroll 地址 注册码 --ca CA.pem）。</translation>
    </message>
    <message>
        <source>Print the status as one JSON object.</source>
        <translation>以一个 JSON 对象输出状态。</translation>
    </message>
    <message>
        <source>sent %1 (%2 HQ had already), parked %3; received %4 change(s) from HQ</source>
        <translation>已发送 %1 条（其中 %2 条总部已有），搁置 %3 条；从总部收到 %4 项变更</translation>
    </message>
    <message numerus="yes">
        <source>%n refused event(s) back in the queue.</source>
        <translation>
            <numerusform>%n 条被拒收的记录已放回队列。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) refused by HQ were parked (see posctl sync-status; posctl sync --retry-parked once HQ is fixed).</source>
        <translation>
            <numerusform>%n 条记录被总部拒收，已搁置（见 posctl sync-status；总部修复后用 posctl sync --retry-parked）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Shift %1, opened %2 by %3</source>
        <translation>班次 %1，%2 由 %3 开班</translation>
    </message>
    <message>
        <source>  float %1 + cash sales %2 − cash refunds %3 + cash in/out %4 = expected %5</source>
        <translation>  备用金 %1 + 现金销售 %2 − 现金退款 %3 + 存取现金 %4 = 应有 %5</translation>
    </message>
    <message>
        <source>  closed %1: counted %2, difference %3</source>
        <translation>  %1 交班：实点 %2，差额 %3</translation>
    </message>
    <message>
        <source>Z report %1</source>
        <translation>Z 报表 %1</translation>
    </message>
    <message>
        <source>X report</source>
        <translation>X 报表</translation>
    </message>
    <message>
        <source>  sales %1 in %2 order(s) (before discounts %3, discounts %4)</source>
        <translation>  销售 %1，共 %2 单（折前 %3，优惠 %4）</translation>
    </message>
    <message>
        <source>  refunds %1 in %2 refund(s); net %3</source>
        <translation>  退款 %1，共 %2 笔；净额 %3</translation>
    </message>
    <message>
        <source>taken %1, given back %2, net %3</source>
        <translation>收 %1，退 %2，净额 %3</translation>
    </message>
    <message>
        <source>guide %1: credited %2, refunds %3, net %4</source>
        <translation>导购 %1：业绩 %2，退货冲减 %3，净额 %4</translation>
    </message>
    <message>
        <source>  new members %1; records waiting for HQ %2</source>
        <translation>  新会员 %1；待上传总部记录 %2</translation>
    </message>
    <message>
        <source>shift %1: expected %2</source>
        <translation>班次 %1：应有 %2</translation>
    </message>
    <message>
        <source>, counted %1, difference %2</source>
        <translation>，实点 %1，差额 %2</translation>
    </message>
    <message>
        <source>open, cash, close or status.</source>
        <translation>open（开班）、cash（存取现金）、close（交班）或 status（状态）。</translation>
    </message>
    <message>
        <source>With open: the opening float in yuan.</source>
        <translation>与 open 一起：开班备用金（元）。</translation>
    </message>
    <message>
        <source>Who opens or closes the shift.</source>
        <translation>开班或交班的人。</translation>
    </message>
    <message>
        <source>With cash: yuan put into the drawer.</source>
        <translation>与 cash 一起：放入钱箱的金额（元）。</translation>
    </message>
    <message>
        <source>With cash: yuan taken out of the drawer.</source>
        <translation>与 cash 一起：从钱箱取出的金额（元）。</translation>
    </message>
    <message>
        <source>With cash: why.</source>
        <translation>与 cash 一起：原因。</translation>
    </message>
    <message>
        <source>With close: the drawer counted by denomination, e.g. 100x3,50x2,1x7,0.5x2.</source>
        <translation>与 close 一起：按面额清点的钱箱，例如 100x3,50x2,1x7,0.5x2。</translation>
    </message>
    <message>
        <source>Print the shift as one JSON object.</source>
        <translation>以一个 JSON 对象输出班次。</translation>
    </message>
    <message>
        <source>shift open needs --float YUAN (0 for none).</source>
        <translation>shift open 需要 --float 元（没有备用金写 0）。</translation>
    </message>
    <message>
        <source>shift cash needs --in YUAN or --out YUAN, and --reason.</source>
        <translation>shift cash 需要 --in 元 或 --out 元，以及 --reason。</translation>
    </message>
    <message>
        <source>shift close needs --count, the drawer counted by denomination (blind: before the till says what it expects).</source>
        <translation>shift close 需要 --count，即按面额清点的钱箱（盲点：在收银机给出应有金额之前清点）。</translation>
    </message>
    <message>
        <source>unknown shift action &quot;%1&quot; (open, cash, close, status)</source>
        <translation>未知的班次操作“%1”（open、cash、close、status）</translation>
    </message>
    <message>
        <source>No shift is open.</source>
        <translation>没有进行中的班次。</translation>
    </message>
    <message>
        <source>x (any time) or z (closes the business day, once).</source>
        <translation>x（随时）或 z（结束营业日，每天一次）。</translation>
    </message>
    <message>
        <source>The business day, YYYY-MM-DD (today by default).</source>
        <translation>营业日，YYYY-MM-DD（默认今天）。</translation>
    </message>
    <message>
        <source>With z: show the Z report already made.</source>
        <translation>与 z 一起：显示已生成的 Z 报表。</translation>
    </message>
    <message>
        <source>Print the report as one JSON object.</source>
        <translation>以一个 JSON 对象输出报表。</translation>
    </message>
    <message>
        <source>report needs x or z, not &quot;%1&quot;</source>
        <translation>report 需要 x 或 z，而不是“%1”</translation>
    </message>
    <message>
        <source>There is no Z report for %1 yet.</source>
        <translation>%1 还没有 Z 报表。</translation>
    </message>
    <message>
        <source>With add: the person&apos;s name.</source>
        <translation>与 add 一起：员工姓名。</translation>
    </message>
    <message>
        <source>With add: cashier, guide or manager.</source>
        <translation>与 add 一起：cashier（收银员）、guide（导购）或 manager（店长）。</translation>
    </message>
    <message>
        <source>One JSON object per person.</source>
        <translation>每位员工一个 JSON 对象。</translation>
    </message>
    <message>
        <source>--role is cashier, guide or manager</source>
        <translation>--role 只能是 cashier、guide 或 manager</translation>
    </message>
    <message>
        <source>a PIN is needed (--pin, or --pin - to type it)</source>
        <translation>需要密码（--pin，或用 --pin - 输入）</translation>
    </message>
    <message>
        <source>PIN right: %1 (%2)</source>
        <translation>密码正确：%1（%2）</translation>
    </message>
    <message>
        <source>How many entries, newest first (default 50).</source>
        <translation>显示多少条，最新的在前（默认 50）。</translation>
    </message>
    <message>
        <source>One JSON object per entry.</source>
        <translation>每条一个 JSON 对象。</translation>
    </message>
    <message>
        <source>--limit is a number from 1</source>
        <translation>--limit 须为不小于 1 的数字</translation>
    </message>
    <message>
        <source>approved by %1</source>
        <translation>由 %1 授权</translation>
    </message>
    <message>
        <source>Also print it on the receipt printer (or --printer URI).</source>
        <translation>同时在小票打印机上打印（或用 --printer 指定）。</translation>
    </message>
    <message>
        <source>With --print: where, e.g. png:z.png or tcp://192.168.1.87.</source>
        <translation>与 --print 一起：打印到哪里，例如 png:z.png 或 tcp://192.168.1.87。</translation>
    </message>
    <message>
        <source>set KEY VALUE, or nothing to list.</source>
        <translation>set 键 值；不写则列出全部。</translation>
    </message>
    <message>
        <source>With set: who changes it (a manager&apos;s id).</source>
        <translation>与 set 一起：修改人（店长编号）。</translation>
    </message>
    <message>
        <source>Their PIN; - reads it from standard input.</source>
        <translation>其密码；- 表示从标准输入读取。</translation>
    </message>
    <message>
        <source>One JSON object per setting.</source>
        <translation>每项设置输出一个 JSON 对象。</translation>
    </message>
    <message>
        <source>use: posctl settings [set KEY VALUE --as ID --pin P]</source>
        <translation>用法：posctl settings [set 键 值 --as 编号 --pin 密码]</translation>
    </message>
    <message>
        <source>changing a setting needs --as ID --pin P of someone who may</source>
        <translation>修改设置需要有权限者的 --as 编号 --pin 密码</translation>
    </message>
    <message>
        <source>A manager decided: open the path again (a restored backup, or a new database).</source>
        <translation>店长已决定：重新打开该路径（已恢复的备份，或新数据库）。</translation>
    </message>
    <message>
        <source>The database %1 is not set aside.</source>
        <translation>数据库 %1 未被隔离。</translation>
    </message>
    <message>
        <source>   Cashier: %1</source>
        <translation>   收银员：%1</translation>
    </message>
    <message>
        <source>The staff member ringing it up (recorded on the order).</source>
        <translation>收银的员工（记入订单）。</translation>
    </message>
    <message>
        <source>--cashier needs a staff id</source>
        <translation>--cashier 需要员工编号</translation>
    </message>
    <message>
        <source>(decided)</source>
        <translation>（已决定）</translation>
    </message>
    <message>
        <source>(waiting for a manager&apos;s decision)</source>
        <translation>（等待店长决定）</translation>
    </message>
    <message>
        <source>Cleared: the till opens %1 again (a new database if there is none). The set-aside files stay where they are.</source>
        <translation>已解除：收银机将重新打开 %1（若不存在则新建数据库）。已移到一旁的文件仍留在原处。</translation>
    </message>
    <message>
        <source>unknown option &quot;%1&quot; (see posctl --help)</source>
        <translation>未知选项“%1”（见 posctl --help）</translation>
    </message>
    <message>
        <source>Usage: posctl [--db PATH] COMMAND [OPTIONS]

Commands:
  init [--demo]                          create or upgrade the database; --demo loads the demo store
  products [--search TEXT] [--json]      list products, or search by name, pinyin initials, SKU or barcode
  guides [--json]                        list the store&apos;s guides
  sale [--guide ID] [--member ID|PHONE] [--discount D] --scan CODE[*QTY]... --pay METHOD[:YUAN][:REF]...
       [--cashier ID] [--no-receipt] [--json]
                                         ring up and pay a sale (METHOD: cash, card, wechat, alipay);
                                         its receipt prints when a receipt printer is set up
  orders [--date YYYY-MM-DD] [--json]    the sales of a business day (today by default)
  order NUMBER [--json]                  one sale by its order number
  refund NUMBER [--line SKU[*QTY]]... [--no-receipt] [--json]
                                         refund lines of a sale (the whole order without --line)
                                         to its original tenders; its credit is reversed
  leaderboard [--date YYYY-MM-DD] [--guide ID] [--json]
                                         the store&apos;s guides ranked for a day (today by default);
                                         --guide lists that guide&apos;s credits and why each went to them
  printers [--json]                      USB receipt printers found, and the configured one
  printers --set URI [--width 58|80] [--profile ID] | --clear
                                         choose the till&apos;s receipt printer (then sales and refunds print)
  print [--printer URI] (--test | --order NUMBER | --refund NUMBER) [--copy] [--width 58|80] [--profile ID]
                                         print a test page or a receipt; URI: usb://VID:PID, usb://auto,
                                         tcp://HOST[:9100], file:/dev/usb/lp0, serial:/dev/ttyUSB0, png:FILE
  print-jobs [--all] [--json] | --retry JOB | --cancel JOB | --run
                                         receipts not printed yet, and what to do about them
  parse-barcode TEXT [--json]            what a scan says: product (check digit), weighted, GS1, member,
                                         guide, receipt or binding link; exit 2 when it is not valid
  scan-image FILE... [--json]            decode the barcodes in images; exit 1 when some had none,
                                         2 when a file can&apos;t be read
  scanners [--list] [--set serial:/dev/ttyACM0[?baud=N]|hidpos:auto|evdev:/dev/input/… | --clear]
           [--weighted LAYOUT] [--wedge gap=MS,min=N,tab=on|off,prefix=P,suffix=S]
                                         the till&apos;s scanners, its weighted-code layout (20-29:5:5:price)
                                         and how the keyboard wedge tells a scanner from a person
  enroll URL CODE --ca CA.pem [--pin SHA256]
                                         enrol this till with HQ (the code comes from pos-hq enroll)
  sync [--once] [--batch N] [--retry-parked]
                                         send the events waiting for HQ, then take HQ&apos;s changes
                                         (--once: until none is left)
  sync-status [--json]                   online or not, what waits for HQ, the last problem
  shift open --float YUAN [--by NAME] | shift cash --in|--out YUAN --reason TEXT
  shift close --count 100x3,50x2,… [--by NAME] | shift status [--json]
                                         the drawer&apos;s shift: float, petty cash, blind count at the close
  report x|z [--date YYYY-MM-DD] [--reprint] [--print [--printer URI]] [--json]
                                         the day&apos;s X report, or its Z report (once per day, kept);
                                         --print also prints it on the receipt printer
  staff [--json] | staff add ID --name N --role cashier|guide|manager --pin P|- | staff check ID --pin P|-
                                         who works the till and their state (PINs kept as salted,
                                         peppered PBKDF2 hashes)
  staff disable|enable|remove ID --as MANAGER --pin P|-
                                         take someone off the till (disable: until enabled again;
                                         remove: for good, their PIN wiped); a manager&apos;s, audited
  audit [--limit N] [--json]             the audit log: sign-ins, lockouts, overrides…, newest first
  settings [--json] | settings set KEY VALUE --as ID --pin P|-
                                         the till&apos;s settings (receipt header/footer, language, idle lock,
                                         discount limit, printer, scanners); each change audited
  quarantine [--clear]                   a database that failed its check at start was moved aside:
                                         where it went (exit 1), or --clear once a manager decided
  attribute [--explain] EVENTS.jsonl     replay attribution events (one JSON object a line) and print
                                         credits, summaries and the answers asked; exit 1 if a line was bad

--db PATH overrides the default database (%1).
Exit status: 0 done, 1 the till could not do it (database, disk), 2 bad input (nothing written).</source>
        <translation>用法：posctl [--db 路径] 命令 [选项]

命令：
  init [--demo]                          创建或升级数据库；--demo 载入演示门店
  products [--search 文本] [--json]      列出商品，或按名称、拼音首字母、货号、条码搜索
  guides [--json]                        列出本店导购
  sale [--guide 编号] [--member 会员码|手机号] [--discount 优惠] --scan 条码[*数量]... --pay 方式[:元][:参考号]...
       [--cashier 员工编号] [--no-receipt] [--json]
                                         收银一笔销售（方式：cash、card、wechat、alipay）；
                                         设置了小票打印机时自动打印小票
  orders [--date YYYY-MM-DD] [--json]    某营业日的销售（默认今天）
  order 订单号 [--json]                  按订单号查看一笔销售
  refund 订单号 [--line 货号[*数量]]... [--no-receipt] [--json]
                                         按原单退货（不带 --line 则整单退），退回原支付方式，
                                         并冲回该单业绩
  leaderboard [--date YYYY-MM-DD] [--guide 编号] [--json]
                                         某天本店导购业绩排行（默认今天）；
                                         --guide 列出该导购当天的每笔业绩及归属原因
  printers [--json]                      已发现的 USB 小票打印机及已配置的打印机
  printers --set 地址 [--width 58|80] [--profile 配置] | --clear
                                         设置本机小票打印机（之后销售和退货自动打印）
  print [--printer 地址] (--test | --order 订单号 | --refund 退货单号) [--copy] [--width 58|80] [--profile 配置]
                                         打印测试页或小票；地址：usb://VID:PID、usb://auto、
                                         tcp://主机[:9100]、file:/dev/usb/lp0、serial:/dev/ttyUSB0、png:文件
  print-jobs [--all] [--json] | --retry 任务号 | --cancel 任务号 | --run
                                         尚未打印的小票，以及如何处理
  parse-barcode 内容 [--json]            解析扫码内容：商品（校验位）、称重码、GS1、会员、导购、
                                         小票或绑定链接；无效时退出码为 2
  scan-image 文件... [--json]            识别图片中的条码；有图片找不到条码时退出码为 1，
                                         文件无法读取时为 2
  scanners [--list] [--set serial:/dev/ttyACM0[?baud=N]|hidpos:auto|evdev:/dev/input/… | --clear]
           [--weighted 格式] [--wedge gap=毫秒,min=位数,tab=on|off,prefix=前缀,suffix=后缀]
                                         本机扫码设备、称重码格式（20-29:5:5:price）
                                         以及键盘模式下如何区分扫码枪与人工输入
  enroll 地址 注册码 --ca CA.pem [--pin SHA256]
                                         把本收银机注册到总部（注册码来自 pos-hq enroll）
  sync [--once] [--batch N] [--retry-parked]
                                         上传待发给总部的记录，再接收总部的变更
                                         （--once：传完即停）
  sync-status [--json]                   是否在线、待上传的记录、最近的问题
  shift open --float 元 [--by 姓名] | shift cash --in|--out 元 --reason 原因
  shift close --count 100x3,50x2,… [--by 姓名] | shift status [--json]
                                         收银班次：备用金、零用现金、交班时盲点钱箱
  report x|z [--date YYYY-MM-DD] [--reprint] [--print [--printer 地址]] [--json]
                                         当天的 X 报表，或 Z 报表（每天一次，永久保存）；
                                         --print 同时在小票打印机上打印
  staff [--json] | staff add 编号 --name 姓名 --role cashier|guide|manager --pin 密码|- | staff check 编号 --pin 密码|-
                                         收银机的员工及其状态（密码仅以加盐加胡椒的
                                         PBKDF2 哈希保存）
  staff disable|enable|remove 编号 --as 店长编号 --pin 密码|-
                                         让员工不能再使用收银机（disable：直到再次启用；
                                         remove：永久移除，并清除其密码）；须由店长操作，记入审计日志
  audit [--limit N] [--json]             审计日志：登录、锁定、授权…，最新的在前
  settings [--json] | settings set 键 值 --as 编号 --pin 密码|-
                                         收银机设置（小票页眉/页脚、语言、闲置锁屏、折扣上限、
                                         打印机、扫码枪）；每次修改都记入审计日志
  quarantine [--clear]                   启动检查失败的数据库已被移到一旁：显示移到了哪里（退出码 1），
                                         店长决定后用 --clear 解除
  attribute [--explain] 事件.jsonl       重放业绩归属事件（每行一个 JSON 对象），输出业绩、汇总
                                         和所问结果；有错误行时退出码为 1

--db 路径 指定数据库（默认 %1）。
退出码：0 成功，1 收银机无法完成（数据库、磁盘），2 输入有误（未写入任何数据）。</translation>
    </message>
    <message>
        <source>disabled by %1 at %2</source>
        <translation>于 %2 被 %1 停用</translation>
    </message>
    <message>
        <source>removed by %1 at %2</source>
        <translation>于 %2 被 %1 移除</translation>
    </message>
    <message>
        <source>add ID, check ID, disable ID, enable ID, remove ID, or nothing to list.</source>
        <translation>add 编号、check 编号、disable 编号、enable 编号、remove 编号，或不带参数列出员工。</translation>
    </message>
    <message>
        <source>With disable, enable, remove: the manager doing it.</source>
        <translation>与 disable、enable、remove 一起：执行操作的店长。</translation>
    </message>
    <message>
        <source>4 to 6 digits (with disable, enable, remove: the manager&apos;s); - reads it from standard input.</source>
        <translation>4 到 6 位数字（与 disable、enable、remove 一起时为店长的密码）；- 表示从标准输入读取。</translation>
    </message>
    <message>
        <source>use: posctl staff [add ID --name N --role R --pin P | check ID --pin P | disable|enable|remove ID --as MANAGER --pin P]</source>
        <translation>用法：posctl staff [add 编号 --name 姓名 --role 角色 --pin 密码 | check 编号 --pin 密码 | disable|enable|remove 编号 --as 店长编号 --pin 密码]</translation>
    </message>
    <message>
        <source>%1 needs a manager: --as ID --pin P (or --pin - to type it)</source>
        <translation>%1 需要店长授权：--as 编号 --pin 密码（或用 --pin - 输入密码）</translation>
    </message>
    <message>
        <source>First put the events HQ refused back in the queue (after HQ was fixed), and try the changes from HQ that could not be applied again.</source>
        <translation>先把被总部拒收的记录放回队列（总部修复之后），并重新尝试应用之前无法应用的总部变更。</translation>
    </message>
    <message numerus="yes">
        <source>%n parked change(s) from HQ applied now</source>
        <translation>
            <numerusform>已应用 %n 项搁置的总部变更</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n still parked.</source>
        <translation>
            <numerusform>仍有 %n 项搁置。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) from HQ could not be applied and were parked (see posctl sync-status).</source>
        <translation>
            <numerusform>%n 项总部变更无法应用，已搁置（见 posctl sync-status）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrintQueue</name>
    <message>
        <source>The paper width must be 58 or 80 mm.</source>
        <translation>纸宽只能是 58 或 80 毫米。</translation>
    </message>
    <message>
        <source>There is no printer profile &quot;%1&quot;.</source>
        <translation>没有打印机型号配置“%1”。</translation>
    </message>
    <message>
        <source>There is no sale or refund numbered &quot;%1&quot;.</source>
        <translation>没有单号为“%1”的销售或退货单。</translation>
    </message>
    <message>
        <source>There is no refund numbered &quot;%1&quot;.</source>
        <translation>没有单号为“%1”的退货单。</translation>
    </message>
    <message>
        <source>There is no print job %1.</source>
        <translation>没有打印任务 %1。</translation>
    </message>
    <message>
        <source>%1 has already printed; print a copy instead.</source>
        <translation>%1 已打印过；请改为打印副本。</translation>
    </message>
    <message>
        <source>%1 is printing right now.</source>
        <translation>%1 正在打印。</translation>
    </message>
    <message>
        <source>%1 can no longer be cancelled.</source>
        <translation>%1 已无法取消。</translation>
    </message>
    <message>
        <source>No receipt printer is set up: choose one in the settings, then retry.</source>
        <translation>未设置小票打印机：请在设置中选择后重试。</translation>
    </message>
    <message>
        <source>Printing was cut off (the till stopped); part of it may have printed. Retry it, or print a copy.</source>
        <translation>打印被中断（收银机曾停止运行），可能已打印出一部分。请重试或打印副本。</translation>
    </message>
    <message>
        <source>No receipt printer is set up, so the drawer can&apos;t be opened.</source>
        <translation>未设置小票打印机，无法打开钱箱。</translation>
    </message>
    <message>
        <source>The drawer did not open: %1</source>
        <translation>钱箱未打开：%1</translation>
    </message>
    <message>
        <source>Refund receipt %1</source>
        <translation>退货小票 %1</translation>
    </message>
    <message>
        <source>Receipt %1</source>
        <translation>小票 %1</translation>
    </message>
    <message>
        <source>%1 (copy %2)</source>
        <translation>%1（副本 %2）</translation>
    </message>
    <message>
        <source>There is no Z report for %1.</source>
        <translation>%1 没有 Z 报表。</translation>
    </message>
    <message>
        <source>That is not a date.</source>
        <translation>这不是日期。</translation>
    </message>
    <message>
        <source>Z report %1</source>
        <translation>Z 报表 %1</translation>
    </message>
    <message>
        <source>X report %1</source>
        <translation>X 报表 %1</translation>
    </message>
</context>
<context>
    <name>Printer</name>
    <message>
        <source>the printer reports: %1</source>
        <translation>打印机报告：%1</translation>
    </message>
    <message>
        <source>Test page</source>
        <translation>测试页</translation>
    </message>
    <message>
        <source>Address: %1</source>
        <translation>地址：%1</translation>
    </message>
    <message>
        <source>Profile %1 · %2 mm · %3 dots · %4 columns</source>
        <translation>配置 %1 · %2 毫米 · %3 点 · %4 列</translation>
    </message>
</context>
<context>
    <name>PrinterStatus</name>
    <message>
        <source>status unknown (the printer did not answer)</source>
        <translation>状态未知（打印机未应答）</translation>
    </message>
    <message>
        <source>paper out</source>
        <translation>缺纸</translation>
    </message>
    <message>
        <source>cover open</source>
        <translation>纸仓盖打开</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>cutter error</source>
        <translation>切刀故障</translation>
    </message>
    <message>
        <source>printer error</source>
        <translation>打印机故障</translation>
    </message>
    <message>
        <source>paper nearly out</source>
        <translation>纸将用尽</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
</context>
<context>
    <name>PrinterUri</name>
    <message>
        <source>&quot;%1&quot; is not a printer address (usb://…, tcp://…, file:…, serial:…, png:…)</source>
        <translation>“%1”不是打印机地址（usb://…、tcp://…、file:…、serial:…、png:…）</translation>
    </message>
    <message>
        <source>a USB printer is usb://VID:PID or usb://auto</source>
        <translation>USB 打印机地址为 usb://VID:PID 或 usb://auto</translation>
    </message>
    <message>
        <source>a USB printer is usb://VID:PID with four hex digits each, e.g. usb://0416:5011</source>
        <translation>USB 打印机地址为 usb://VID:PID，各四位十六进制，例如 usb://0416:5011</translation>
    </message>
    <message>
        <source>a network printer is tcp://HOST or tcp://HOST:PORT</source>
        <translation>网络打印机地址为 tcp://主机 或 tcp://主机:端口</translation>
    </message>
    <message>
        <source>the port must be 1–65535</source>
        <translation>端口必须在 1–65535 之间</translation>
    </message>
    <message>
        <source>%1: needs a path</source>
        <translation>%1：需要路径</translation>
    </message>
    <message>
        <source>baud must be a rate such as 9600, 19200, 38400 or 115200</source>
        <translation>波特率须为 9600、19200、38400 或 115200 等</translation>
    </message>
    <message>
        <source>unknown printer address &quot;%1&quot; (usb://…, tcp://…, file:…, serial:…, png:…)</source>
        <translation>未知的打印机地址“%1”（usb://…、tcp://…、file:…、serial:…、png:…）</translation>
    </message>
</context>
<context>
    <name>PrivateFiles</name>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1: %2</source>
        <translation>无法创建文件夹 %1：%2</translation>
    </message>
    <message>
        <source>Cannot create %1: %2</source>
        <translation>无法创建 %1：%2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
</context>
<context>
    <name>Quarantine</name>
    <message>
        <source>The database %1 was set aside as damaged, and its note %2 is empty. The till will not sell on this path until a manager decides: posctl quarantine shows what is set aside.</source>
        <translation>数据库 %1 已因损坏被移到一旁，但其说明文件 %2 是空的。在店长决定之前，收银机不会在此路径上销售：用 posctl quarantine 查看被移到一旁的内容。</translation>
    </message>
    <message>
        <source>%1 lies here without its database %2. The till will not start a new database over it: a manager decides with posctl quarantine --clear, which sets it aside.</source>
        <translation>%1 留在此处，而它所属的数据库 %2 不存在。收银机不会在它上面新建数据库：由店长用 posctl quarantine --clear 决定（该命令会把它移到一旁）。</translation>
    </message>
    <message>
        <source>The database %1 is missing, and %2 set aside as damaged lies beside it. The till will not start a new, empty database here until a manager decides: restore a backup to %1, or start a new database with posctl quarantine --clear.</source>
        <translation>数据库 %1 不存在，旁边有因损坏被移到一旁的 %2。在店长决定之前，收银机不会在此新建空数据库：把备份恢复到 %1，或用 posctl quarantine --clear 启用新数据库。</translation>
    </message>
    <message>
        <source>The database %1 failed its check at start (%2). It was moved to %3 — nothing was deleted. The till will not sell until a manager decides: restore a backup to %1, or start a new database with: posctl quarantine --clear</source>
        <translation>数据库 %1 启动检查未通过（%2），已移到 %3——没有删除任何内容。在店长决定之前收银机不会销售：把备份恢复到 %1，或用 posctl quarantine --clear 启用新数据库。</translation>
    </message>
    <message>
        <source>The database %1 failed its check (%2), and the note that sets it aside could not be written (%3), so it was left where it is. The till will not sell on it: free some space and start again, or call support.</source>
        <translation>数据库 %1 检查未通过（%2），且无法写入将其移到一旁的说明文件（%3），因此它仍留在原处。收银机不会在其上销售：请清理空间后重新启动，或联系技术支持。</translation>
    </message>
    <message>
        <source>The database %1 failed its check (%2) and could not be moved aside: the till will not sell on it. Call support.</source>
        <translation>数据库 %1 检查未通过（%2），且无法移到一旁：收银机不会在其上销售。请联系技术支持。</translation>
    </message>
    <message>
        <source>(%1 could not be moved with it.)</source>
        <translation>（%1 未能一并移走。）</translation>
    </message>
    <message>
        <source>Cannot move %1 aside.</source>
        <translation>无法将 %1 移到一旁。</translation>
    </message>
    <message>
        <source>Cannot remove %1.</source>
        <translation>无法删除 %1。</translation>
    </message>
</context>
<context>
    <name>ReceiptLayout</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>*** COPY ***</source>
        <translation>*** 重印 COPY ***</translation>
    </message>
    <message>
        <source>Tel %1</source>
        <translation>电话 %1</translation>
    </message>
    <message>
        <source>Thank you, see you again!</source>
        <translation>谢谢惠顾，欢迎再次光临！</translation>
    </message>
    <message>
        <source>Sales receipt</source>
        <translation>销售小票</translation>
    </message>
    <message>
        <source>Order: %1</source>
        <translation>单号：%1</translation>
    </message>
    <message>
        <source>Time: %1   Till: %2</source>
        <translation>时间：%1  收银机：%2</translation>
    </message>
    <message>
        <source>Served by: %1</source>
        <translation>导购：%1</translation>
    </message>
    <message>
        <source>Exclusive guide: %1</source>
        <translation>专属导购：%1</translation>
    </message>
    <message>
        <source>Member: %1 %2</source>
        <translation>会员：%1 %2</translation>
    </message>
    <message>
        <source>  discount</source>
        <translation>  优惠</translation>
    </message>
    <message>
        <source>Items %1</source>
        <translation>件数 %1</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>TOTAL</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>  ref %1</source>
        <translation>  参考号 %1</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <source>Scan for returns and exchanges</source>
        <translation>退换货请出示此码</translation>
    </message>
    <message>
        <source>Scan to add %1 as your personal shopping guide</source>
        <translation>扫码添加 %1 为您的专属导购</translation>
    </message>
    <message>
        <source>REFUND</source>
        <translation>退货单</translation>
    </message>
    <message>
        <source>Refund: %1</source>
        <translation>退货单号：%1</translation>
    </message>
    <message>
        <source>Of order: %1</source>
        <translation>原单号：%1</translation>
    </message>
    <message>
        <source>REFUNDED</source>
        <translation>退款合计</translation>
    </message>
    <message>
        <source>Back to %1</source>
        <translation>退回 %1</translation>
    </message>
    <message>
        <source>Time: %1</source>
        <translation>时间：%1</translation>
    </message>
    <message>
        <source>Till: %1</source>
        <translation>收银机：%1</translation>
    </message>
    <message>
        <source>Z report %1</source>
        <translation>Z 报表 %1</translation>
    </message>
    <message>
        <source>X report</source>
        <translation>X 报表</translation>
    </message>
    <message>
        <source>Business day %1, till %2</source>
        <translation>营业日 %1，收银机 %2</translation>
    </message>
    <message>
        <source>Made %1</source>
        <translation>生成于 %1</translation>
    </message>
    <message>
        <source>Sales %1 (%2 orders)</source>
        <translation>销售 %1（%2 单）</translation>
    </message>
    <message>
        <source>Discounts %1</source>
        <translation>优惠 %1</translation>
    </message>
    <message>
        <source>Refunds %1 (%2)</source>
        <translation>退款 %1（%2 笔）</translation>
    </message>
    <message>
        <source>Net %1</source>
        <translation>净额 %1</translation>
    </message>
    <message>
        <source>%1: in %2, back %3, net %4</source>
        <translation>%1：收 %2，退 %3，净额 %4</translation>
    </message>
    <message>
        <source>%1: %2 (refunds %3)</source>
        <translation>%1：%2（退货冲减 %3）</translation>
    </message>
    <message>
        <source>New members %1</source>
        <translation>新会员 %1</translation>
    </message>
    <message>
        <source>Waiting for HQ %1</source>
        <translation>待上传总部 %1</translation>
    </message>
    <message>
        <source>Shift %1: float %2, expected %3</source>
        <translation>班次 %1：备用金 %2，应有 %3</translation>
    </message>
    <message>
        <source>Counted %1, difference %2</source>
        <translation>实点 %1，差额 %2</translation>
    </message>
    <message>
        <source>Cashier: %1</source>
        <translation>收银员：%1</translation>
    </message>
</context>
<context>
    <name>RefundPlanner</name>
    <message>
        <source>Order %1 has already been refunded in full.</source>
        <translation>订单 %1 已全部退货。</translation>
    </message>
    <message>
        <source>Order %1 has no line %2.</source>
        <translation>订单 %1 没有第 %2 行。</translation>
    </message>
    <message>
        <source>Refund quantities must be at least 1.</source>
        <translation>退货数量至少为 1。</translation>
    </message>
    <message>
        <source>%1 (%2) on order %3 has already been refunded.</source>
        <translation>订单 %3 中的 %1（%2）已经退过了。</translation>
    </message>
    <message>
        <source>Only %1 of %2 (%3) can still be refunded on order %4; %5 already were.</source>
        <translation>订单 %4 中的 %2（%3）只能再退 %1 件，已退 %5 件。</translation>
    </message>
    <message>
        <source>A refund of %1 would exceed what was paid for order %2 (%3, %4 already refunded).</source>
        <translation>退款 %1 将超过订单 %2 的实付金额（%3，已退 %4）。</translation>
    </message>
    <message>
        <source>The original payments of order %1 can&apos;t cover a refund of %2.</source>
        <translation>订单 %1 的原支付方式不足以退回 %2。</translation>
    </message>
</context>
<context>
    <name>RefundService</name>
    <message>
        <source>Scan the receipt&apos;s code or type the order number.</source>
        <translation>请扫描小票上的条码或输入订单号。</translation>
    </message>
    <message>
        <source>No sale with number %1 on this till.</source>
        <translation>本收银机没有订单号为 %1 的销售。</translation>
    </message>
    <message>
        <source>Refund quantities must be at least 1.</source>
        <translation>退货数量至少为 1。</translation>
    </message>
    <message>
        <source>%1 is not on order %2.</source>
        <translation>订单 %2 中没有 %1。</translation>
    </message>
    <message>
        <source>%1 on order %2 has already been refunded.</source>
        <translation>订单 %2 中的 %1 已经退过了。</translation>
    </message>
    <message>
        <source>Only %1 of %2 can still be refunded on order %3.</source>
        <translation>订单 %3 中的 %2 只能再退 %1 件。</translation>
    </message>
    <message>
        <source>The refund was not saved: %1</source>
        <translation>退货未保存：%1</translation>
    </message>
</context>
<context>
    <name>SaleSession</name>
    <message>
        <source>Finish or hold the current sale first.</source>
        <translation>请先完成或挂起当前销售。</translation>
    </message>
    <message>
        <source>A member needs an 11-digit mobile number starting with 1.</source>
        <translation>会员需要以 1 开头的 11 位手机号。</translation>
    </message>
    <message>
        <source>%1 is already a member.</source>
        <translation>%1 已经是会员。</translation>
    </message>
    <message>
        <source>Scan the items first.</source>
        <translation>请先扫描商品。</translation>
    </message>
    <message>
        <source>The till can&apos;t save a sale now, so don&apos;t take the money: %1</source>
        <translation>收银机现在无法保存销售，请不要收款：%1</translation>
    </message>
    <message>
        <source>No free member number was found; try again.</source>
        <translation>未找到可用的会员号，请重试。</translation>
    </message>
</context>
<context>
    <name>ScanService</name>
    <message>
        <source>A weighted-code layout is PREFIXES:ITEM:VALUE:price|weight with ITEM + VALUE = 10 digits, e.g. 20-29:5:5:price; not &quot;%1&quot;.</source>
        <translation>称重码格式为 前缀:商品码位数:数值位数:price|weight，商品码与数值共 10 位，例如 20-29:5:5:price；“%1”无效。</translation>
    </message>
    <message>
        <source>%1 %2 kg</source>
        <translation>%1 %2 千克</translation>
    </message>
</context>
<context>
    <name>ScannerDevice</name>
    <message>
        <source>A scanner is serial:/dev/ttyACM0[?baud=9600], evdev:/dev/input/by-id/…-event-kbd or hidpos:auto (or hidpos:VID:PID, hidpos:/dev/hidraw0); not &quot;%1&quot;.</source>
        <translation>扫码设备地址应为 serial:/dev/ttyACM0[?baud=9600]、evdev:/dev/input/by-id/…-event-kbd 或 hidpos:auto（或 hidpos:VID:PID、hidpos:/dev/hidraw0），而不是“%1”。</translation>
    </message>
    <message>
        <source>Scanner connected</source>
        <translation>扫码枪已连接</translation>
    </message>
    <message>
        <source>Scanner not connected: %1</source>
        <translation>扫码枪未连接：%1</translation>
    </message>
</context>
<context>
    <name>SerialScanner</name>
    <message>
        <source>A serial scanner is serial:/dev/ttyACM0[?baud=9600], not &quot;%1&quot;.</source>
        <translation>串口扫码枪地址应为 serial:/dev/ttyACM0[?baud=9600]，而不是“%1”。</translation>
    </message>
    <message>
        <source>The serial scanner&apos;s device path is missing.</source>
        <translation>缺少串口扫码枪的设备路径。</translation>
    </message>
    <message>
        <source>Bad baud rate &quot;%1&quot;.</source>
        <translation>波特率“%1”无效。</translation>
    </message>
    <message>
        <source>The scanner at %1 was unplugged.</source>
        <translation>%1 上的扫码枪已拔出。</translation>
    </message>
    <message>
        <source>%1 bytes without an end of line from the scanner were dropped.</source>
        <translation>扫码枪发来 %1 字节没有换行的数据，已丢弃。</translation>
    </message>
</context>
<context>
    <name>SerialTransport</name>
    <message>
        <source>cannot open the serial port %1: %2</source>
        <translation>无法打开串口 %1：%2</translation>
    </message>
    <message>
        <source>writing to %1 failed: %2</source>
        <translation>写入 %1 失败：%2</translation>
    </message>
    <message>
        <source>the printer on %1 stopped taking data (offline, or paper out?)</source>
        <translation>%1 上的打印机不再接收数据（离线或缺纸？）</translation>
    </message>
</context>
<context>
    <name>SettingsService</name>
    <message>
        <source>Receipt header: up to 4 lines under the store&apos;s name.</source>
        <translation>小票页眉：店名下方最多 4 行。</translation>
    </message>
    <message>
        <source>Receipt footer: up to 4 lines instead of the thank-you line.</source>
        <translation>小票页脚：最多 4 行，替代默认的致谢语。</translation>
    </message>
    <message>
        <source>Language of the screens: zh_CN, en, or empty for the system&apos;s (after a restart).</source>
        <translation>界面语言：zh_CN、en，留空则跟随系统（重启后生效）。</translation>
    </message>
    <message>
        <source>Minutes without a touch before the till locks itself (0: never).</source>
        <translation>无操作多少分钟后自动锁屏（0：从不）。</translation>
    </message>
    <message>
        <source>Largest discount, in percent, a cashier may give without a manager.</source>
        <translation>收银员无需店长授权可给的最大折扣（百分比）。</translation>
    </message>
    <message>
        <source>Receipt printer address (usb:auto, tcp://HOST, serial:/dev/ttyUSB0…).</source>
        <translation>小票打印机地址（usb:auto、tcp://主机、serial:/dev/ttyUSB0…）。</translation>
    </message>
    <message>
        <source>Scanner besides the keyboard wedge (serial:…, evdev:…, hidpos:auto).</source>
        <translation>键盘模式以外的扫码枪（serial:…、evdev:…、hidpos:auto）。</translation>
    </message>
    <message>
        <source>How the keyboard wedge tells a scanner from a person (gap=35,min=4,…).</source>
        <translation>键盘模式如何区分扫码枪与人工输入（gap=35,min=4,…）。</translation>
    </message>
    <message>
        <source>There is no setting &quot;%1&quot; to change here.</source>
        <translation>这里没有可修改的设置“%1”。</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>At most %1 lines fit there.</source>
        <translation>最多只能写 %1 行。</translation>
    </message>
    <message>
        <source>A line is too long for the receipt (at most %1 characters): %2</source>
        <translation>有一行太长，小票放不下（最多 %1 个字符）：%2</translation>
    </message>
    <message>
        <source>The language is zh_CN or en (or empty for the system&apos;s).</source>
        <translation>语言须为 zh_CN 或 en（留空则跟随系统）。</translation>
    </message>
    <message>
        <source>The idle lock is a number of minutes from 0 to 240.</source>
        <translation>闲置锁屏时间须为 0 到 240 分钟。</translation>
    </message>
    <message>
        <source>The discount limit is a percentage from 0 to 100.</source>
        <translation>折扣上限须为 0 到 100 的百分比。</translation>
    </message>
    <message>
        <source>A receipt line can&apos;t hold control characters: &quot;%1&quot;</source>
        <translation>小票行中不能含有控制字符：“%1”</translation>
    </message>
</context>
<context>
    <name>ShiftService</name>
    <message>
        <source>The opening float can&apos;t be negative.</source>
        <translation>开班备用金不能为负。</translation>
    </message>
    <message>
        <source>Shift %1 is still open (since %2): close it first.</source>
        <translation>班次 %1 仍在进行（自 %2 起）：请先交班。</translation>
    </message>
    <message>
        <source>No shift is open: open one first.</source>
        <translation>没有进行中的班次：请先开班。</translation>
    </message>
    <message>
        <source>Cash in or out needs an amount.</source>
        <translation>存取现金需要金额。</translation>
    </message>
    <message>
        <source>Cash in or out needs a reason.</source>
        <translation>存取现金需要原因。</translation>
    </message>
    <message>
        <source>Count the drawer as NOTExCOUNT, e.g. 100x3,50x2,10x4,1x7,0.5x2 (notes and coins of 100, 50, 20, 10, 5, 1, 0.5, 0.1 yuan); &quot;%1&quot; is not one.</source>
        <translation>请按“面额x张数”清点钱箱，例如 100x3,50x2,10x4,1x7,0.5x2（面额 100、50、20、10、5、1、0.5、0.1 元）；“%1”不是。</translation>
    </message>
    <message>
        <source>No shift is open.</source>
        <translation>没有进行中的班次。</translation>
    </message>
    <message>
        <source>The Z report of %1 was made already (Z%2): reprint it, it can&apos;t be redone.</source>
        <translation>%1 的 Z 报表已经生成（Z%2）：可以重印，不能重做。</translation>
    </message>
    <message>
        <source>Shift %1 is still open: count the drawer and close it before the Z report.</source>
        <translation>班次 %1 仍在进行：请先清点钱箱并交班，再做 Z 报表。</translation>
    </message>
    <message>
        <source>The drawer should hold only %1: that much can&apos;t come out of it.</source>
        <translation>钱箱应有金额只有 %1：取不出这么多。</translation>
    </message>
</context>
<context>
    <name>StaffService</name>
    <message>
        <source>The PIN pepper %1 is damaged.</source>
        <translation>密码胡椒文件 %1 已损坏。</translation>
    </message>
    <message>
        <source>Staff need an id (letters and digits, like E01) and a name.</source>
        <translation>员工需要编号（字母和数字，如 E01）和姓名。</translation>
    </message>
    <message>
        <source>A PIN is 4 to 6 digits.</source>
        <translation>密码为 4 到 6 位数字。</translation>
    </message>
    <message>
        <source>The PIN could not be hashed.</source>
        <translation>无法计算密码哈希。</translation>
    </message>
    <message>
        <source>Wrong staff id or PIN.</source>
        <translation>员工编号或密码错误。</translation>
    </message>
    <message>
        <source>%1 is locked out after %2 wrong PINs; try again after %3.</source>
        <translation>%1 连续 %2 次密码错误已被锁定；请于 %3 之后再试。</translation>
    </message>
    <message>
        <source>Nobody with id %1 works here.</source>
        <translation>本店没有编号为 %1 的员工。</translation>
    </message>
    <message>
        <source>%1 may not do this (%2): a manager&apos;s PIN is needed.</source>
        <translation>%1 无权执行此操作（%2）：需要店长输入密码授权。</translation>
    </message>
    <message>
        <source>%1 is not a manager and can&apos;t approve this.</source>
        <translation>%1 不是店长，不能授权此操作。</translation>
    </message>
    <message>
        <source>Cannot read the PIN pepper: %1</source>
        <translation>无法读取密码胡椒文件：%1</translation>
    </message>
    <message>
        <source>The PIN pepper %1 is missing, so no PIN kept in the database can be checked. Restore it from a backup, or set each PIN again (posctl staff add).</source>
        <translation>密码胡椒文件 %1 丢失，数据库中保存的密码都无法验证。请从备份恢复该文件，或重新设置每个人的密码（posctl staff add）。</translation>
    </message>
    <message>
        <source>%1 was removed for good: to have them back, add them again with a new PIN (posctl staff add %2 …).</source>
        <translation>%1 已被永久移除：如需恢复，请用新密码重新添加（posctl staff add %2 …）。</translation>
    </message>
    <message>
        <source>%1 is the last active manager here: enable or add another manager first (a till with staff and no manager could approve nothing).</source>
        <translation>%1 是本机最后一位在用的店长：请先启用或添加另一位店长（有员工却没有店长的收银机无法授权任何操作）。</translation>
    </message>
    <message>
        <source>%1 no longer works at this till: sign in again.</source>
        <translation>%1 已不能在本收银机工作：请重新登录。</translation>
    </message>
    <message>
        <source>%1 was removed from this till: sign in again.</source>
        <translation>%1 已从本收银机移除：请重新登录。</translation>
    </message>
    <message>
        <source>%1 left the company (HQ): they can no longer work at this till.</source>
        <translation>%1 已离职（总部登记）：不能再在本收银机工作。</translation>
    </message>
    <message>
        <source>%1 was disabled by a manager: sign in again.</source>
        <translation>%1 已被店长停用：请重新登录。</translation>
    </message>
    <message>
        <source>departed at HQ %1</source>
        <translation>于 %1 在总部离职</translation>
    </message>
</context>
<context>
    <name>SyncService</name>
    <message>
        <source>HQ&apos;s address is https://HOST[:PORT], not &quot;%1&quot; (the till talks to HQ over TLS only).</source>
        <translation>总部地址应为 https://主机[:端口]，而不是“%1”（收银机只通过 TLS 与总部通信）。</translation>
    </message>
    <message>
        <source>The CA file holds no PEM certificate: give the chain&apos;s CA certificate.</source>
        <translation>CA 文件中没有 PEM 证书：请提供连锁的 CA 证书。</translation>
    </message>
    <message>
        <source>This till is not set up for a store yet (run posctl init --demo).</source>
        <translation>此收银机尚未设置门店（请运行 posctl init --demo）。</translation>
    </message>
    <message>
        <source>HQ refused the code: %1</source>
        <translation>总部拒绝了注册码：%1</translation>
    </message>
    <message>
        <source>The code is for till %1/%2, but this is %3/%4: ask HQ for this till&apos;s code.</source>
        <translation>该注册码属于收银机 %1/%2，而本机是 %3/%4：请向总部索取本机的注册码。</translation>
    </message>
    <message>
        <source>HQ&apos;s answer holds no usable secret.</source>
        <translation>总部的应答中没有可用的密钥。</translation>
    </message>
    <message>
        <source>HQ&apos;s certificate is not the chain&apos;s (TLS: %1).</source>
        <translation>总部的证书不是连锁签发的（TLS：%1）。</translation>
    </message>
    <message>
        <source>HQ cannot be reached: %1</source>
        <translation>无法连接总部：%1</translation>
    </message>
    <message>
        <source>This till&apos;s clock is %1 s off HQ&apos;s: set the clock right.</source>
        <translation>本收银机时钟与总部相差 %1 秒：请校准时钟。</translation>
    </message>
    <message>
        <source>HQ does not know this till (not enrolled, or revoked): enrol it again.</source>
        <translation>总部不认识本收银机（未注册或已吊销）：请重新注册。</translation>
    </message>
    <message>
        <source>HQ refused this till&apos;s signature: enrol it again.</source>
        <translation>总部拒绝了本收银机的签名：请重新注册。</translation>
    </message>
    <message>
        <source>HQ is busy (HTTP %1); trying again in %2 s.</source>
        <translation>总部繁忙（HTTP %1）；%2 秒后重试。</translation>
    </message>
    <message>
        <source>HQ answered %1: %2</source>
        <translation>总部返回 %1：%2</translation>
    </message>
    <message>
        <source>This till is not enrolled with HQ (posctl enroll URL CODE --ca CA.pem).</source>
        <translation>本收银机尚未在总部注册（posctl enroll 地址 注册码 --ca CA.pem）。</translation>
    </message>
    <message>
        <source>HQ&apos;s answer acknowledged none of the events sent.</source>
        <translation>总部的应答没有确认任何已发送的记录。</translation>
    </message>
    <message>
        <source>Online order %1, credited by HQ.</source>
        <translation>网店订单 %1，由总部计入业绩。</translation>
    </message>
    <message>
        <source>a product without a SKU</source>
        <translation>没有货号的商品</translation>
    </message>
    <message>
        <source>Adjusted by HQ, which knows more than this till did at the sale (e.g. a binding made at another store): %1 for order %2.</source>
        <translation>总部调整：总部掌握了本机收银时不知道的信息（例如在其他门店建立的绑定）：订单 %2 调整 %1。</translation>
    </message>
    <message>
        <source>Not enrolled with HQ: the till sells offline and keeps everything for HQ (posctl enroll URL CODE --ca CA.pem).</source>
        <translation>尚未在总部注册：收银机离线收银，所有记录都为总部保留（posctl enroll 地址 注册码 --ca CA.pem）。</translation>
    </message>
    <message>
        <source>Online with %1</source>
        <translation>已连接 %1</translation>
    </message>
    <message>
        <source>Offline from %1 — selling normally</source>
        <translation>与 %1 断开 — 正常收银</translation>
    </message>
    <message>
        <source>Waiting for HQ: %1</source>
        <translation>待上传总部：%1</translation>
    </message>
    <message>
        <source>(oldest %1)</source>
        <translation>（最早 %1）</translation>
    </message>
    <message>
        <source>Refused by HQ and kept: %1 (posctl sync --retry-parked once HQ is fixed)</source>
        <translation>被总部拒收并保留：%1（总部修复后用 posctl sync --retry-parked）</translation>
    </message>
    <message>
        <source>Last reached HQ: %1</source>
        <translation>最近连上总部：%1</translation>
    </message>
    <message>
        <source>Last problem: %1</source>
        <translation>最近的问题：%1</translation>
    </message>
    <message>
        <source>This till&apos;s clock is %1 s off HQ&apos;s.</source>
        <translation>本收银机时钟与总部相差 %1 秒。</translation>
    </message>
    <message>
        <source>The till&apos;s HQ secret %1 cannot be read: %2</source>
        <translation>无法读取本收银机的总部密钥 %1：%2</translation>
    </message>
    <message>
        <source>(tried again after each pull; posctl sync --retry-parked)</source>
        <translation>（每次从总部接收变更后都会重试；posctl sync --retry-parked）</translation>
    </message>
    <message>
        <source>The changes from HQ could not be stored: %1</source>
        <translation>无法保存总部下发的变更：%1</translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1 %2：%3</translation>
    </message>
    <message>
        <source>bound to guide %1, who is not known at this till</source>
        <translation>绑定的导购 %1 在本收银机上不存在</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) from HQ could not be applied: %1</source>
        <translation>
            <numerusform>%n 项总部变更无法应用：%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TcpTransport</name>
    <message>
        <source>cannot reach the printer at %1:%2 (%3)</source>
        <translation>无法连接打印机 %1:%2（%3）</translation>
    </message>
    <message>
        <source>the printer at %1:%2 is not connected</source>
        <translation>打印机 %1:%2 未连接</translation>
    </message>
    <message>
        <source>the printer at %1:%2 dropped the connection (%3)</source>
        <translation>打印机 %1:%2 断开了连接（%3）</translation>
    </message>
    <message>
        <source>the printer at %1:%2 stopped taking data (%3)</source>
        <translation>打印机 %1:%2 不再接收数据（%3）</translation>
    </message>
    <message>
        <source>the printer at %1:%2 dropped the connection</source>
        <translation>打印机 %1:%2 断开了连接</translation>
    </message>
    <message>
        <source>the printer at %1:%2 dropped the connection during the job</source>
        <translation>打印机 %1:%2 在打印中断开了连接</translation>
    </message>
</context>
<context>
    <name>Tendering</name>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>Under-payment: %1 is still due.</source>
        <translation>付款不足：还差 %1。</translation>
    </message>
    <message>
        <source>The amount due cannot be negative.</source>
        <translation>应收金额不能为负。</translation>
    </message>
    <message>
        <source>%1 has nothing left to pay.</source>
        <translation>%1：已无待付金额。</translation>
    </message>
    <message>
        <source>A payment amount must be more than zero.</source>
        <translation>支付金额必须大于零。</translation>
    </message>
    <message>
        <source>%1 would pay %2 more than is due; only cash can be over-paid.</source>
        <translation>%1 超出应收 %2；只有现金可以多付找零。</translation>
    </message>
    <message>
        <source>A payment reference has at most %1 characters, not &quot;%2&quot;.</source>
        <translation>支付参考号最多 %1 个字符，而不是“%2”。</translation>
    </message>
    <message>
        <source>A payment reference is letters, digits and signs only (no control characters): &quot;%1&quot;.</source>
        <translation>支付参考号只能包含字母、数字和符号（不能有控制字符）：“%1”。</translation>
    </message>
</context>
<context>
    <name>Till</name>
    <message>
        <source>A store id and a terminal id are required.</source>
        <translation>需要门店编号和收银机编号。</translation>
    </message>
    <message>
        <source>Unknown time zone: %1</source>
        <translation>未知时区：%1</translation>
    </message>
</context>
<context>
    <name>TillLock</name>
    <message>
        <source>Cannot lock %1: %2</source>
        <translation>无法锁定 %1：%2</translation>
    </message>
    <message>
        <source>Another till (process %1) is already running on %2. Use that one, or close it first; posctl may run beside it.</source>
        <translation>另一个收银程序（进程 %1）已在使用 %2。请使用那个，或先将其关闭；posctl 可以同时运行。</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>UsbTransport</name>
    <message>
        <source>the printer is busy: another program (or the usblp driver) holds it</source>
        <translation>打印机被占用：另一个程序（或 usblp 驱动）正在使用</translation>
    </message>
    <message>
        <source>the printer is not connected (unplugged or switched off)</source>
        <translation>打印机未连接（已拔出或关机）</translation>
    </message>
    <message>
        <source>the printer stopped taking data (paper out, cover open, or offline)</source>
        <translation>打印机不再接收数据（缺纸、开盖或离线）</translation>
    </message>
    <message>
        <source>the printer refused the data (endpoint stalled)</source>
        <translation>打印机拒收数据（端点停滞）</translation>
    </message>
    <message>
        <source>USB input/output error: check the cable</source>
        <translation>USB 输入输出错误：请检查线缆</translation>
    </message>
    <message>
        <source>USB error: %1</source>
        <translation>USB 错误：%1</translation>
    </message>
    <message>
        <source>no USB receipt printer found</source>
        <translation>未发现 USB 小票打印机</translation>
    </message>
    <message>
        <source>no USB printer %1 is connected</source>
        <translation>未连接 USB 打印机 %1</translation>
    </message>
    <message>
        <source>the printer is not open</source>
        <translation>打印机未打开</translation>
    </message>
    <message>
        <source>permission denied: install the till&apos;s udev rules (60-guide-pos.rules, in the package) or add the user to the lp group, then replug the printer</source>
        <translation>权限不足：请安装收银机的 udev 规则（安装包中的 60-guide-pos.rules）或将用户加入 lp 组，然后重新插拔打印机</translation>
    </message>
</context>
<context>
    <name>WedgeSettings</name>
    <message>
        <source>gap is the longest pause between a scanner&apos;s keys, 5 to 200 ms; not &quot;%1&quot;.</source>
        <translation>gap 是扫码枪按键之间的最长间隔，5 到 200 毫秒，而不是“%1”。</translation>
    </message>
    <message>
        <source>min is the shortest code, 1 to 64 characters; not &quot;%1&quot;.</source>
        <translation>min 是最短的码长，1 到 64 个字符，而不是“%1”。</translation>
    </message>
    <message>
        <source>tab is on or off (whether Tab ends a scan); not &quot;%1&quot;.</source>
        <translation>tab 只能是 on 或 off（Tab 键是否结束一次扫码），而不是“%1”。</translation>
    </message>
    <message>
        <source>%1 is up to 8 printable characters; not &quot;%2&quot;.</source>
        <translation>%1 最多 8 个可打印字符，而不是“%2”。</translation>
    </message>
    <message>
        <source>Unknown wedge setting &quot;%1&quot; (gap, min, tab, prefix, suffix).</source>
        <translation>未知的键盘扫码设置“%1”（可用 gap、min、tab、prefix、suffix）。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Guide-driven retail till</source>
        <translation>导购收银台</translation>
    </message>
    <message>
        <source>Database file.</source>
        <translation>数据库文件。</translation>
    </message>
    <message>
        <source>Language (zh_CN or en).</source>
        <translation>界面语言（zh_CN 或 en）。</translation>
    </message>
    <message>
        <source>Save the first painted screen as PNG and exit.</source>
        <translation>将首屏保存为 PNG 后退出。</translation>
    </message>
    <message>
        <source>The till cannot start</source>
        <translation>收银台无法启动</translation>
    </message>
    <message>
        <source>Full screen without window decorations; closing needs a manager&apos;s PIN.</source>
        <translation>全屏且无窗口边框；关闭收银机需要店长密码。</translation>
    </message>
    <message>
        <source>Print the start-up time and peak memory as JSON once the first screen is painted, then exit.</source>
        <translation>第一个界面绘制后以 JSON 输出启动耗时和峰值内存并退出。</translation>
    </message>
</context>
<context>
    <name>pos::CameraScanDialog</name>
    <message>
        <source>Scan with the camera</source>
        <translation>摄像头扫码</translation>
    </message>
    <message>
        <source>Scan a picture…</source>
        <translation>识别图片…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>No camera found.</source>
        <translation>没有找到摄像头。</translation>
    </message>
    <message>
        <source>This till was built without camera support.</source>
        <translation>此收银机版本不支持摄像头。</translation>
    </message>
    <message>
        <source>Scan a picture instead, or use the hand scanner.</source>
        <translation>可以改为识别图片，或使用扫码枪。</translation>
    </message>
    <message>
        <source>The camera stopped: %1</source>
        <translation>摄像头已停止：%1</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>正在打开摄像头…</translation>
    </message>
    <message>
        <source>Hold the barcode or QR code up to the camera.</source>
        <translation>请将条码或二维码对准摄像头。</translation>
    </message>
    <message>
        <source>A picture with a barcode</source>
        <translation>含有条码的图片</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</translation>
    </message>
    <message>
        <source>Cannot read %1 as a picture: %2</source>
        <translation>无法把 %1 作为图片读取：%2</translation>
    </message>
    <message>
        <source>No barcode found in %1.</source>
        <translation>%1 中没有找到条码。</translation>
    </message>
</context>
<context>
    <name>pos::CartModel</name>
    <message>
        <source>voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>SKU %1, code %2</source>
        <translation>货号 %1，条码 %2</translation>
    </message>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>小计</translation>
    </message>
</context>
<context>
    <name>pos::GuideBar</name>
    <message>
        <source>%1 ★Exclusive</source>
        <translation>%1 ★专属</translation>
    </message>
</context>
<context>
    <name>pos::GuideCreditsDialog</name>
    <message>
        <source>Why %1 was credited</source>
        <translation>%1 的业绩明细</translation>
    </message>
    <message>
        <source>%1 — credits on %2</source>
        <translation>%1 — %2 的业绩</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Credit as</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>%1 (refund of %2)</source>
        <translation>%1（退 %2）</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>线上</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Exclusive guide</source>
        <translation>专属导购</translation>
    </message>
    <message>
        <source>Sales guide</source>
        <translation>销售导购</translation>
    </message>
    <message>
        <source>No credits for this guide on this day.</source>
        <translation>该导购当天没有业绩。</translation>
    </message>
    <message>
        <source>Touch a credit to see why it went to this guide.</source>
        <translation>点一笔业绩，查看它为何归属该导购。</translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>pos::HeldSalesDialog</name>
    <message>
        <source>Held sales</source>
        <translation>挂单列表</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message numerus="yes">
        <source>%1   %n item(s)   %2</source>
        <translation>
            <numerusform>%1   %n 件   %2</numerusform>
        </translation>
    </message>
    <message>
        <source>No sale is on hold.</source>
        <translation>没有挂单。</translation>
    </message>
</context>
<context>
    <name>pos::HqDialog</name>
    <message>
        <source>Headquarters</source>
        <translation>总部连接</translation>
    </message>
    <message>
        <source>The one-time code from HQ (pos-hq enroll)</source>
        <translation>总部给出的一次性注册码（pos-hq enroll）</translation>
    </message>
    <message>
        <source>The chain&apos;s CA certificate (PEM file)</source>
        <translation>连锁的 CA 证书（PEM 文件）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>HQ address</source>
        <translation>总部地址</translation>
    </message>
    <message>
        <source>Enrolment code</source>
        <translation>注册码</translation>
    </message>
    <message>
        <source>Chain CA</source>
        <translation>连锁 CA</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>注册</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Syncing… the status bar shows the outcome.</source>
        <translation>正在同步…结果显示在状态栏。</translation>
    </message>
    <message>
        <source>The chain&apos;s CA certificate</source>
        <translation>连锁的 CA 证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt)</source>
        <translation>证书 (*.pem *.crt)</translation>
    </message>
    <message>
        <source>Cannot read the CA file %1.</source>
        <translation>无法读取 CA 文件 %1。</translation>
    </message>
    <message>
        <source>Enrolled with HQ as %1/%2.</source>
        <translation>已在总部注册为 %1/%2。</translation>
    </message>
</context>
<context>
    <name>pos::LeaderboardDialog</name>
    <message>
        <source>Guide leaderboard</source>
        <translation>导购业绩排行榜</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日榜</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月榜</translation>
    </message>
    <message>
        <source>My performance</source>
        <translation>我的业绩</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>◀ Previous day</source>
        <translation>◀ 前一天</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Next day ▶</source>
        <translation>后一天 ▶</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Guide</source>
        <translation>导购</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>门店业绩</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>网店业绩</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>单数</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>新会员</translation>
    </message>
    <message>
        <source>vs day before</source>
        <translation>较前一天</translation>
    </message>
    <message>
        <source>Month total</source>
        <translation>本月业绩</translation>
    </message>
    <message>
        <source>Commission so far</source>
        <translation>已得提成</translation>
    </message>
    <message>
        <source>Target tier</source>
        <translation>目标档位</translation>
    </message>
    <message>
        <source>To next tier</source>
        <translation>距下一档</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Online figures from HQ as of %1.</source>
        <translation>网店业绩来自总部，截至 %1。</translation>
    </message>
    <message>
        <source>Online figures: none from HQ yet — this till is offline; amounts are the store&apos;s own sales.</source>
        <translation>网店业绩：尚未收到总部数据（离线）；金额为本店销售。</translation>
    </message>
    <message>
        <source>%1 — commission so far, and the month&apos;s target</source>
        <translation>%1 — 本月已得提成与月度目标</translation>
    </message>
    <message numerus="yes">
        <source>Target &quot;%1&quot;: %n tier(s), paid out %2</source>
        <translation>
            <numerusform>目标“%1”：共 %n 档，%2 发放</numerusform>
        </translation>
    </message>
    <message>
        <source>Tier %1 (%2)</source>
        <translation>第 %1 档（%2）</translation>
    </message>
    <message>
        <source>None yet</source>
        <translation>尚未达标</translation>
    </message>
    <message>
        <source>No target</source>
        <translation>无目标</translation>
    </message>
    <message>
        <source>%1: %2, %3 orders, %4 members, rank %5 of %6</source>
        <translation>%1：%2，%3 单，%4 位新会员，第 %5 名（共 %6 人）</translation>
    </message>
    <message>
        <source>This month: %1, commission so far %2</source>
        <translation>本月：%1，已得提成 %2</translation>
    </message>
    <message>
        <source>Target: tier %1 reached, %2 to tier %3</source>
        <translation>目标：已达第 %1 档，距第 %3 档还差 %2</translation>
    </message>
    <message>
        <source>Target: top tier %1 reached (%2)</source>
        <translation>目标：已达最高第 %1 档（%2）</translation>
    </message>
    <message>
        <source>Why? Credits of this guide</source>
        <translation>业绩明细（为什么？）</translation>
    </message>
</context>
<context>
    <name>pos::MainWindow</name>
    <message>
        <source>Till — %1 %2</source>
        <translation>收银台 — %1 %2</translation>
    </message>
    <message>
        <source>%1 · Terminal %2</source>
        <translation>%1 · 收银机 %2</translation>
    </message>
    <message>
        <source>● Offline — selling normally</source>
        <translation>● 离线 — 正常收银</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) waiting for HQ</source>
        <translation>
            <numerusform>%n 条记录待上传总部</numerusform>
        </translation>
    </message>
    <message>
        <source>Leaderboard</source>
        <translation>排行榜</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>补打小票</translation>
    </message>
    <message>
        <source>Reprint a receipt</source>
        <translation>补打小票</translation>
    </message>
    <message>
        <source>Receipt number (sale or refund). The copy is marked as a copy.</source>
        <translation>小票单号（销售或退货）。补打的小票会标注“副本”。</translation>
    </message>
    <message>
        <source>Print copy</source>
        <translation>打印副本</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <source>last reached HQ %1</source>
        <translation>最近连上总部 %1</translation>
    </message>
    <message>
        <source>(oldest %1)</source>
        <translation>（最早 %1）</translation>
    </message>
    <message numerus="yes">
        <source>%n refused by HQ</source>
        <translation>
            <numerusform>%n 条被总部拒收</numerusform>
        </translation>
    </message>
    <message>
        <source>HQ</source>
        <translation>总部</translation>
    </message>
    <message>
        <source>Close the till</source>
        <translation>关闭收银机</translation>
    </message>
    <message>
        <source>%1 · Lock</source>
        <translation>%1 · 锁屏</translation>
    </message>
    <message>
        <source>Drawer</source>
        <translation>开钱箱</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Opening the drawer without a sale</source>
        <translation>无销售开钱箱</translation>
    </message>
    <message>
        <source>The settings</source>
        <translation>修改设置</translation>
    </message>
    <message>
        <source>Reprinting a receipt</source>
        <translation>补打小票</translation>
    </message>
</context>
<context>
    <name>pos::ManagerPinDialog</name>
    <message>
        <source>Manager&apos;s approval</source>
        <translation>店长授权</translation>
    </message>
    <message>
        <source>%1 needs a manager&apos;s PIN.</source>
        <translation>“%1”需要店长输入密码。</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>授权</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>No manager set up</source>
        <translation>未设置店长</translation>
    </message>
    <message>
        <source>No manager is set up on this till (posctl staff add … --role manager), so nobody is asked.</source>
        <translation>本收银机尚未设置店长（posctl staff add … --role manager），因此无需授权。</translation>
    </message>
    <message>
        <source>%1 needs a manager, and no manager is set up on this till.</source>
        <translation>%1需要店长授权，但本机没有设置店长。</translation>
    </message>
</context>
<context>
    <name>pos::MemberDialog</name>
    <message>
        <source>New member</source>
        <translation>新会员</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>No guide is chosen: the member will have no exclusive guide yet.</source>
        <translation>未选择导购：该会员暂无专属导购。</translation>
    </message>
    <message>
        <source>Exclusive guide: %1</source>
        <translation>专属导购：%1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>注册</translation>
    </message>
</context>
<context>
    <name>pos::PaymentDialog</name>
    <message>
        <source>Finish payment</source>
        <translation>完成收款</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation>应收金额</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Reference no. (card slip / payment code)</source>
        <translation>参考号（签购单号／支付单号）</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Cash received</source>
        <translation>收取现金</translation>
    </message>
    <message>
        <source>Remove selected payment</source>
        <translation>删除选中的支付</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已付</translation>
    </message>
    <message>
        <source>Still due</source>
        <translation>还需</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <source>Back to sale</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Enter an amount in yuan, e.g. 100 or 99.50.</source>
        <translation>请输入金额（元），例如 100 或 99.50。</translation>
    </message>
    <message>
        <source>ref %1</source>
        <translation>参考号 %1</translation>
    </message>
</context>
<context>
    <name>pos::PinPad</name>
    <message>
        <source>⌫</source>
        <translation>⌫</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>pos::PrintSpooler</name>
    <message>
        <source>The receipt could not be queued: %1</source>
        <translation>小票无法加入打印队列：%1</translation>
    </message>
</context>
<context>
    <name>pos::PrintStatusBar</name>
    <message>
        <source>Retry printing</source>
        <translation>重新打印</translation>
    </message>
    <message>
        <source>Don&apos;t print</source>
        <translation>不打印</translation>
    </message>
    <message>
        <source>Printing %1…</source>
        <translation>正在打印%1…</translation>
    </message>
    <message>
        <source>%1 printed.</source>
        <translation>%1 已打印。</translation>
    </message>
    <message>
        <source>%1 will not be printed.</source>
        <translation>%1 将不打印。</translation>
    </message>
    <message>
        <source>%1 not printed: %2. The sale is saved; trying again by itself.</source>
        <translation>%1 未打印：%2。交易已保存，正在自动重试。</translation>
    </message>
    <message>
        <source>%1 not printed: %2. The sale is saved.</source>
        <translation>%1 未打印：%2。交易已保存。</translation>
    </message>
</context>
<context>
    <name>pos::ProductSearchDialog</name>
    <message>
        <source>Find a product</source>
        <translation>查找商品</translation>
    </message>
    <message>
        <source>Name, pinyin initials (e.g. LYQ) or SKU</source>
        <translation>名称、拼音首字母（如 LYQ）或货号</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>No product matches &quot;%1&quot;.</source>
        <translation>没有匹配“%1”的商品。</translation>
    </message>
</context>
<context>
    <name>pos::RefundDialog</name>
    <message>
        <source>Refund</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Scan the receipt or type the order number</source>
        <translation>扫描小票或输入订单号</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>售出</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Refund now</source>
        <translation>本次退</translation>
    </message>
    <message>
        <source>Whole order</source>
        <translation>整单退</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Order %1 · %2 · total %3 · guide %4</source>
        <translation>订单 %1 · %2 · 合计 %3 · 导购 %4</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Already refunded: %1</source>
        <translation>已退：%1</translation>
    </message>
    <message>
        <source>Choose what the customer brings back.</source>
        <translation>请选择顾客退回的商品。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Refund %1 — back to %2</source>
        <translation>退款 %1 — 退回 %2</translation>
    </message>
    <message>
        <source>Refund %1 done: %2.</source>
        <translation>退货单 %1 完成：%2。</translation>
    </message>
    <message>
        <source>Not refunded: it needs a manager&apos;s approval.</source>
        <translation>未退货：需要店长授权。</translation>
    </message>
</context>
<context>
    <name>pos::SaleScreen</name>
    <message>
        <source>Scan a barcode, or type a SKU, name or pinyin initials</source>
        <translation>扫描条码，或输入货号、名称、拼音首字母</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>−1</source>
        <translation>−1</translation>
    </message>
    <message>
        <source>+1</source>
        <translation>+1</translation>
    </message>
    <message>
        <source>Quantity…</source>
        <translation>改数量…</translation>
    </message>
    <message>
        <source>Line discount…</source>
        <translation>单品优惠…</translation>
    </message>
    <message>
        <source>Void line</source>
        <translation>删除行</translation>
    </message>
    <message>
        <source>Guide who served the customer</source>
        <translation>服务导购</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Phone or member code</source>
        <translation>手机号或会员码</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>应收</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>挂单</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>取单</translation>
    </message>
    <message>
        <source>Order discount…</source>
        <translation>整单优惠…</translation>
    </message>
    <message>
        <source>Clear sale</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Use Search to find it by name.</source>
        <translation>可用“搜索”按名称查找。</translation>
    </message>
    <message>
        <source>%1  ×%2  %3</source>
        <translation>%1  ×%2  %3</translation>
    </message>
    <message>
        <source>Touch a line first.</source>
        <translation>请先点选一行。</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Line discount</source>
        <translation>单品优惠</translation>
    </message>
    <message>
        <source>Amount off (20), percent off (15%) or 折 (8.5折):</source>
        <translation>减免金额（20）、百分比（15%）或折扣（8.5折）：</translation>
    </message>
    <message>
        <source>Order discount</source>
        <translation>整单优惠</translation>
    </message>
    <message>
        <source>Sale held. Resume it with Resume.</source>
        <translation>已挂单，可用“取单”恢复。</translation>
    </message>
    <message>
        <source>Held sale resumed.</source>
        <translation>已取回挂单。</translation>
    </message>
    <message>
        <source>Paid · %1 · Change %2</source>
        <translation>收款成功 · %1 · 找零 %2</translation>
    </message>
    <message>
        <source>Served by %1</source>
        <translation>服务导购：%1</translation>
    </message>
    <message>
        <source>No guide chosen</source>
        <translation>未选择导购</translation>
    </message>
    <message>
        <source>Walk-in customer</source>
        <translation>散客</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Exclusive guide: %1</source>
        <translation>专属导购：%1</translation>
    </message>
    <message>
        <source>No exclusive guide</source>
        <translation>暂无专属导购</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新会员</translation>
    </message>
    <message>
        <source>Guide: %1</source>
        <translation>导购：%1</translation>
    </message>
    <message>
        <source>Member: %1</source>
        <translation>会员：%1</translation>
    </message>
    <message>
        <source>Welcome, new member %1 (%2).</source>
        <translation>欢迎新会员 %1（%2）。</translation>
    </message>
    <message>
        <source>exclusive</source>
        <translation>专属</translation>
    </message>
    <message>
        <source>sales</source>
        <translation>销售</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <translation>%1 %2（%3）</translation>
    </message>
    <message>
        <source>Credit: the store only (no guide)</source>
        <translation>业绩归属：仅计门店（无导购）</translation>
    </message>
    <message>
        <source>Credit: %1</source>
        <translation>业绩归属：%1</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Price…</source>
        <translation>改价…</translation>
    </message>
    <message>
        <source>A refund</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>A discount beyond the limit (%1)</source>
        <translation>超出上限的折扣（%1）</translation>
    </message>
    <message>
        <source>Discount not given: it is beyond the limit and needs a manager.</source>
        <translation>未打折：超出折扣上限，需要店长授权。</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>Voiding a line after payment started</source>
        <translation>收款开始后删除商品行</translation>
    </message>
    <message>
        <source>Not voided: payment has started, so it needs a manager.</source>
        <translation>未删除：已开始收款，需要店长授权。</translation>
    </message>
    <message>
        <source>Change the price</source>
        <translation>改价</translation>
    </message>
    <message>
        <source>New unit price for %1 (now %2):</source>
        <translation>%1 的新单价（现价 %2）：</translation>
    </message>
    <message>
        <source>That is not a price: %1</source>
        <translation>这不是价格：%1</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>A price change (%1)</source>
        <translation>改价（%1）</translation>
    </message>
    <message>
        <source>Price not changed: it needs a manager.</source>
        <translation>未改价：需要店长授权。</translation>
    </message>
    <message>
        <source>Price of %1 changed: %2</source>
        <translation>%1 已改价：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s), %1</source>
        <translation>
            <numerusform>%n 件，%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Not done: payment has started, so it needs a manager.</source>
        <translation>未执行：已开始收款，需要店长授权。</translation>
    </message>
    <message>
        <source>Holding the sale after payment started</source>
        <translation>收款开始后挂单</translation>
    </message>
    <message>
        <source>Clearing the sale</source>
        <translation>清空整单</translation>
    </message>
</context>
<context>
    <name>pos::SettingsDialog</name>
    <message>
        <source>product code</source>
        <translation>商品码</translation>
    </message>
    <message>
        <source>weighed or price-labelled item</source>
        <translation>称重或价签商品</translation>
    </message>
    <message>
        <source>GS1 code</source>
        <translation>GS1 码</translation>
    </message>
    <message>
        <source>member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>guide badge</source>
        <translation>导购工牌</translation>
    </message>
    <message>
        <source>receipt</source>
        <translation>小票</translation>
    </message>
    <message>
        <source>guide-binding link</source>
        <translation>导购绑定链接</translation>
    </message>
    <message>
        <source>not a valid code</source>
        <translation>无效的码</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Store and HQ</source>
        <translation>门店与总部</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>小票打印机</translation>
    </message>
    <message>
        <source>Scanners</source>
        <translation>扫码枪</translation>
    </message>
    <message>
        <source>Till</source>
        <translation>收银机</translation>
    </message>
    <message>
        <source>Chain policy</source>
        <translation>连锁政策</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>HQ</source>
        <translation>总部</translation>
    </message>
    <message>
        <source>Enrolled with %1</source>
        <translation>已注册到 %1</translation>
    </message>
    <message>
        <source>Not enrolled: the till sells on its own.</source>
        <translation>未注册：收银机独立销售。</translation>
    </message>
    <message>
        <source>HQ enrolment and sync…</source>
        <translation>总部注册与同步…</translation>
    </message>
    <message>
        <source>The store and terminal ids come from HQ enrolment and can&apos;t be changed here.</source>
        <translation>门店和终端编号来自总部注册，不能在此修改。</translation>
    </message>
    <message>
        <source>usb:auto, tcp://192.168.1.87, serial:/dev/ttyUSB0?baud=19200</source>
        <translation>usb:auto、tcp://192.168.1.87、serial:/dev/ttyUSB0?baud=19200</translation>
    </message>
    <message>
        <source>Test page</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Header lines</source>
        <translation>页眉</translation>
    </message>
    <message>
        <source>Footer lines</source>
        <translation>页脚</translation>
    </message>
    <message>
        <source>Up to %1 lines of %2 characters each; an empty footer prints the thank-you line.</source>
        <translation>最多 %1 行，每行 %2 个字符；页脚留空则打印默认致谢语。</translation>
    </message>
    <message>
        <source>empty: keyboard wedge only; hidpos:auto, serial:/dev/ttyACM0, evdev:…</source>
        <translation>留空：仅键盘模式；hidpos:auto、serial:/dev/ttyACM0、evdev:…</translation>
    </message>
    <message>
        <source>Scanner device</source>
        <translation>扫码设备</translation>
    </message>
    <message>
        <source>Keyboard wedge</source>
        <translation>键盘模式</translation>
    </message>
    <message>
        <source>Scan something here to test</source>
        <translation>在此扫码测试</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>A scanner device change takes effect when the till restarts.</source>
        <translation>更换扫码设备在收银机重启后生效。</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language (after a restart)</source>
        <translation>语言（重启后生效）</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Lock when idle for</source>
        <translation>闲置多久后锁屏</translation>
    </message>
    <message>
        <source>Cashier&apos;s discount limit</source>
        <translation>收银员折扣上限</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <translation>%1 %2（%3）</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Nobody set up: anyone may use the till.</source>
        <translation>未设置员工：任何人都可使用收银机。</translation>
    </message>
    <message>
        <source>Staff and PINs are set up with posctl staff add.</source>
        <translation>员工和密码用 posctl staff add 设置。</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Who is credited</source>
        <translation>业绩归属方式</translation>
    </message>
    <message>
        <source>Exclusive guide&apos;s share (%)</source>
        <translation>专属导购分成（%）</translation>
    </message>
    <message>
        <source>Binding valid for (days)</source>
        <translation>绑定有效期（天）</translation>
    </message>
    <message>
        <source>Protection period (days)</source>
        <translation>保护期（天）</translation>
    </message>
    <message>
        <source>Rebinding</source>
        <translation>改绑规则</translation>
    </message>
    <message>
        <source>Last-click window (hours)</source>
        <translation>最后点击窗口（小时）</translation>
    </message>
    <message>
        <source>permanent</source>
        <translation>永久</translation>
    </message>
    <message>
        <source>HQ sets the chain&apos;s policy; the till applies it and can&apos;t change it.</source>
        <translation>连锁政策由总部设定；收银机只执行，不能修改。</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>About</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>授权人</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Type the printer&apos;s address first.</source>
        <translation>请先填写打印机地址。</translation>
    </message>
    <message>
        <source>The test page did not print: %1</source>
        <translation>测试页未打印：%1</translation>
    </message>
    <message>
        <source>Test page printed on %1.</source>
        <translation>测试页已在 %1 打印。</translation>
    </message>
    <message>
        <source>Read: %1 — %2</source>
        <translation>读到：%1 — %2</translation>
    </message>
    <message>
        <source>exclusive guide first</source>
        <translation>专属导购优先</translation>
    </message>
    <message>
        <source>sales guide first</source>
        <translation>销售导购优先</translation>
    </message>
    <message>
        <source>split between both</source>
        <translation>两者分成</translation>
    </message>
    <message>
        <source>sales guide only</source>
        <translation>仅销售导购</translation>
    </message>
    <message>
        <source>the first binding stays</source>
        <translation>保留最早的绑定</translation>
    </message>
    <message>
        <source>the latest binding wins</source>
        <translation>以最新的绑定为准</translation>
    </message>
</context>
<context>
    <name>pos::ShiftDialog</name>
    <message>
        <source>Count the drawer</source>
        <translation>清点钱箱</translation>
    </message>
    <message>
        <source>Count the notes and coins in the drawer. The till shows what it expected only after the count.</source>
        <translation>请清点钱箱中的纸币和硬币。清点完成后收银机才显示应有金额。</translation>
    </message>
    <message>
        <source>Close the shift</source>
        <translation>交班</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Shift and day</source>
        <translation>班次与日结</translation>
    </message>
    <message>
        <source>Open shift…</source>
        <translation>开班…</translation>
    </message>
    <message>
        <source>Cash in…</source>
        <translation>存入现金…</translation>
    </message>
    <message>
        <source>Cash out…</source>
        <translation>取出现金…</translation>
    </message>
    <message>
        <source>Close shift…</source>
        <translation>交班…</translation>
    </message>
    <message>
        <source>X report</source>
        <translation>X 报表</translation>
    </message>
    <message>
        <source>Z report (close the day)…</source>
        <translation>Z 报表（日结）…</translation>
    </message>
    <message>
        <source>Reprint today&apos;s Z</source>
        <translation>重打今日 Z 报表</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Reprinting the Z report</source>
        <translation>重打 Z 报表</translation>
    </message>
    <message>
        <source>A copy of the Z report is printing.</source>
        <translation>Z 报表副本正在打印。</translation>
    </message>
    <message>
        <source>Shift %1 open since %2 (%3), float %4.</source>
        <translation>班次 %1 自 %2 开班（%3），备用金 %4。</translation>
    </message>
    <message>
        <source>No shift is open. Open one with the float in the drawer before selling cash.</source>
        <translation>当前没有班次。收现金前请放入备用金并开班。</translation>
    </message>
    <message>
        <source>Open shift</source>
        <translation>开班</translation>
    </message>
    <message>
        <source>Opening float in the drawer (¥):</source>
        <translation>钱箱备用金（元）：</translation>
    </message>
    <message>
        <source>That is not an amount: %1</source>
        <translation>这不是金额：%1</translation>
    </message>
    <message>
        <source>Shift %1 open with a float of %2.</source>
        <translation>班次 %1 已开班，备用金 %2。</translation>
    </message>
    <message>
        <source>Cash in</source>
        <translation>存入现金</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>取出现金</translation>
    </message>
    <message>
        <source>Amount (¥):</source>
        <translation>金额（元）：</translation>
    </message>
    <message>
        <source>Reason (change from the bank, flowers, …):</source>
        <translation>原因（银行换零钱、买花…）：</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 put in: %2</source>
        <translation>已存入 %1：%2</translation>
    </message>
    <message>
        <source>%1 taken out: %2</source>
        <translation>已取出 %1：%2</translation>
    </message>
    <message>
        <source>Closing the shift</source>
        <translation>交班</translation>
    </message>
    <message>
        <source>Expected %1, counted %2, difference %3.</source>
        <translation>应有 %1，实点 %2，差额 %3。</translation>
    </message>
    <message>
        <source>Shift %1 closed. %2</source>
        <translation>班次 %1 已交班。%2</translation>
    </message>
    <message>
        <source>Closing the business day</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>Close the business day?</source>
        <translation>确定日结？</translation>
    </message>
    <message>
        <source>The Z report for %1 closes the day. It can be reprinted but never made again.</source>
        <translation>%1 的 Z 报表将结束当天营业。之后可以重打，但不能重做。</translation>
    </message>
    <message>
        <source>Z report %1 made and printing.</source>
        <translation>Z 报表 %1 已生成，正在打印。</translation>
    </message>
    <message>
        <source>Z report %1</source>
        <translation>Z 报表 %1</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The X report is printing.</source>
        <translation>X 报表正在打印。</translation>
    </message>
</context>
<context>
    <name>pos::SignInScreen</name>
    <message>
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <source>Guide</source>
        <translation>导购</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Who is at the till?</source>
        <translation>谁在收银？</translation>
    </message>
    <message>
        <source>Touch your name or scan your badge, then type your PIN.</source>
        <translation>点选您的名字或扫描工牌，然后输入密码。</translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
    <message>
        <source>Choose who you are.</source>
        <translation>请选择您是谁。</translation>
    </message>
    <message>
        <source>PIN for %1</source>
        <translation>%1 的密码</translation>
    </message>
    <message>
        <source>That is not a staff badge here (%1). Sign in first to sell.</source>
        <translation>这不是本店员工工牌（%1）。请先登录再收银。</translation>
    </message>
    <message>
        <source>Touch your name first.</source>
        <translation>请先点选您的名字。</translation>
    </message>
</context>
<context>
    <name>pos::attribution</name>
    <message>
        <source>refund reverses the order&apos;s credit with its split; </source>
        <translation>退货按原单分配冲回业绩；</translation>
    </message>
    <message>
        <source>bound by %1 at %2</source>
        <translation>于 %2 通过 %1 绑定</translation>
    </message>
    <message>
        <source>inherited from departed guide %1 at %2</source>
        <translation>于 %2 继承自离职导购 %1</translation>
    </message>
    <message>
        <source>%1 %2%: exclusive guide %3 (%4) gets the exclusive share</source>
        <translation>%1 %2%：专属导购 %3（%4）获得专属份额</translation>
    </message>
    <message>
        <source>%1: no sales guide, so exclusive guide %2 (%3) gets 100%</source>
        <translation>%1：无销售导购，专属导购 %2（%3）获得 100%</translation>
    </message>
    <message>
        <source>%1: exclusive guide %2 (%3) gets 100% over sales guide %4</source>
        <translation>%1：专属导购 %2（%3）获得 100%，销售导购 %4 不计</translation>
    </message>
    <message>
        <source>chosen by the cashier</source>
        <translation>收银员选择</translation>
    </message>
    <message>
        <source>named on the online order</source>
        <translation>网店订单指定</translation>
    </message>
    <message>
        <source>latest click at %1 within %2 h before the order</source>
        <translation>下单前 %2 小时内最近一次点击，于 %1</translation>
    </message>
    <message>
        <source>%1: %2 is both the exclusive guide and the sales guide (%3): one sales credit of 100%</source>
        <translation>%1：%2 既是专属导购又是销售导购（%3）：计一笔 100% 销售业绩</translation>
    </message>
    <message>
        <source>%1 %2%: sales guide %3 (%4) gets the rest after exclusive guide %5</source>
        <translation>%1 %2%：销售导购 %3（%4）获得专属导购 %5 以外的部分</translation>
    </message>
    <message>
        <source>%1: sales guide %2 (%3) gets 100%, the customer has no exclusive guide</source>
        <translation>%1：销售导购 %2（%3）获得 100%，顾客无专属导购</translation>
    </message>
    <message>
        <source>%1: sales guide %2 (%3) gets 100% over exclusive guide %4</source>
        <translation>%1：销售导购 %2（%3）获得 100%，专属导购 %4 不计</translation>
    </message>
    <message>
        <source>; policy %1</source>
        <translation>；规则版本 %1</translation>
    </message>
    <message>
        <source>bad policy field &quot;%1&quot;: %2</source>
        <translation>规则字段 &quot;%1&quot; 有误：%2</translation>
    </message>
    <message>
        <source>a whole number from %1 to %2</source>
        <translation>须为 %1 到 %2 的整数</translation>
    </message>
    <message>
        <source>null or a whole number of days</source>
        <translation>须为 null 或整数天数</translation>
    </message>
    <message>
        <source>one of exclusive_first, sales_first, split, sales_only</source>
        <translation>须为 exclusive_first、sales_first、split、sales_only 之一</translation>
    </message>
    <message>
        <source>earliest or latest</source>
        <translation>须为 earliest 或 latest</translation>
    </message>
    <message>
        <source>a list of sources</source>
        <translation>须为来源列表</translation>
    </message>
    <message>
        <source>unknown source (register, order, stored_value, coupon, browse, wecom_friend, assign)</source>
        <translation>未知来源（register、order、stored_value、coupon、browse、wecom_friend、assign）</translation>
    </message>
    <message>
        <source>an IANA time zone such as Asia/Shanghai</source>
        <translation>须为 IANA 时区，如 Asia/Shanghai</translation>
    </message>
    <message>
        <source>a non-empty string or a whole number</source>
        <translation>须为非空字符串或整数</translation>
    </message>
    <message>
        <source>a policy must be a JSON object</source>
        <translation>规则须为 JSON 对象</translation>
    </message>
    <message>
        <source>missing field &quot;%1&quot;</source>
        <translation>缺少字段 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; must be a non-negative whole number</source>
        <translation>字段 &quot;%1&quot; 须为非负整数</translation>
    </message>
    <message>
        <source>a commission scheme must be a JSON object</source>
        <translation>提成方案须为 JSON 对象</translation>
    </message>
    <message>
        <source>field &quot;scheme&quot; must be per_product, tiered or bracket</source>
        <translation>字段 &quot;scheme&quot; 须为 per_product、tiered 或 bracket</translation>
    </message>
    <message>
        <source>a %1 commission needs &quot;tiers&quot;: a list of {&quot;from&quot;,&quot;bp&quot;}</source>
        <translation>%1 提成需要 &quot;tiers&quot;：{&quot;from&quot;,&quot;bp&quot;} 列表</translation>
    </message>
    <message>
        <source>each tier must be an object</source>
        <translation>每一档须为对象</translation>
    </message>
    <message>
        <source>commission tiers must be strictly ascending</source>
        <translation>提成档位须严格递增</translation>
    </message>
    <message>
        <source>a target needs &quot;tiers&quot;: a list of {&quot;threshold&quot;,&quot;reward&quot;}</source>
        <translation>目标需要 &quot;tiers&quot;：{&quot;threshold&quot;,&quot;reward&quot;} 列表</translation>
    </message>
    <message>
        <source>target tiers must be strictly ascending</source>
        <translation>目标档位须严格递增</translation>
    </message>
    <message>
        <source>a target has at most %1 tiers</source>
        <translation>目标最多 %1 档</translation>
    </message>
    <message>
        <source>binding not recorded</source>
        <translation>绑定未记录</translation>
    </message>
</context>
<context>
    <name>pos::attribution::Engine</name>
    <message>
        <source>a guide needs an id</source>
        <translation>导购需要编号</translation>
    </message>
    <message>
        <source>unknown guide &quot;%1&quot;</source>
        <translation>未知导购 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>a bind event needs a customer</source>
        <translation>绑定事件需要顾客</translation>
    </message>
    <message>
        <source>a click needs a customer</source>
        <translation>点击事件需要顾客</translation>
    </message>
    <message>
        <source>an order needs an id</source>
        <translation>订单需要编号</translation>
    </message>
    <message>
        <source>guide &quot;%1&quot; has departed and can&apos;t be named on an order</source>
        <translation>导购 &quot;%1&quot; 已离职，不能出现在订单上</translation>
    </message>
    <message>
        <source>the id &quot;%1&quot; is already used by another order or refund</source>
        <translation>编号 &quot;%1&quot; 已被其他订单或退货使用</translation>
    </message>
    <message>
        <source>a refund needs an id</source>
        <translation>退货需要编号</translation>
    </message>
    <message>
        <source>unknown order &quot;%1&quot;</source>
        <translation>未知订单 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>a refund amount can&apos;t be negative</source>
        <translation>退款金额不能为负</translation>
    </message>
    <message>
        <source>refund of %1 fen exceeds what is left of order %2 (%3 of %4 fen already refunded)</source>
        <translation>退款 %1 分超过订单 %2 的剩余金额（已退 %3 分，共 %4 分）</translation>
    </message>
    <message>
        <source>guide &quot;%1&quot; has already departed</source>
        <translation>导购 &quot;%1&quot; 已经离职</translation>
    </message>
    <message>
        <source>a departure needs an heir</source>
        <translation>离职需要指定继承人</translation>
    </message>
    <message>
        <source>a guide can&apos;t be their own heir</source>
        <translation>导购不能继承自己</translation>
    </message>
    <message>
        <source>the heir &quot;%1&quot; has departed</source>
        <translation>继承人 &quot;%1&quot; 已离职</translation>
    </message>
</context>
<context>
    <name>pos::attribution::Fields</name>
    <message>
        <source>missing field &quot;%1&quot;</source>
        <translation>缺少字段 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; must be a string</source>
        <translation>字段 &quot;%1&quot; 须为字符串</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; must be a non-negative whole number</source>
        <translation>字段 &quot;%1&quot; 须为非负整数</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; must be an ISO 8601 time with an offset, like 2026-11-01T10:00:00+08:00</source>
        <translation>字段 &quot;%1&quot; 须为带时区偏移的 ISO 8601 时间，如 2026-11-01T10:00:00+08:00</translation>
    </message>
</context>
<context>
    <name>pos::attribution::Replay</name>
    <message>
        <source>a line must be a JSON object</source>
        <translation>每行须为 JSON 对象</translation>
    </message>
    <message>
        <source>unknown type &quot;%1&quot;</source>
        <translation>未知类型 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>time %1 is earlier than the line before</source>
        <translation>时间 %1 早于上一行</translation>
    </message>
    <message>
        <source>unknown bind source &quot;%1&quot;</source>
        <translation>未知绑定来源 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>field &quot;channel&quot; must be &quot;store&quot; or &quot;online&quot;</source>
        <translation>字段 &quot;channel&quot; 须为 &quot;store&quot; 或 &quot;online&quot;</translation>
    </message>
    <message>
        <source>field &quot;lines&quot; must be a list of lines</source>
        <translation>字段 &quot;lines&quot; 须为明细列表</translation>
    </message>
    <message>
        <source>each of &quot;lines&quot; must be an object</source>
        <translation>&quot;lines&quot; 中每项须为对象</translation>
    </message>
    <message>
        <source>the order&apos;s amount is too large</source>
        <translation>订单金额过大</translation>
    </message>
    <message>
        <source>field &quot;period&quot; must be a month like 2026-11</source>
        <translation>字段 &quot;period&quot; 须为月份，如 2026-11</translation>
    </message>
    <message>
        <source>field &quot;date&quot; must be a day like 2026-11-01</source>
        <translation>字段 &quot;date&quot; 须为日期，如 2026-11-01</translation>
    </message>
</context>
<context>
    <name>pos::hq::HqServer</name>
    <message>
        <source>cannot read the certificate %1 or the key %2</source>
        <translation>无法读取证书 %1 或私钥 %2</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate, or %2 no PEM private key (RSA or EC)</source>
        <translation>%1 中没有 PEM 证书，或 %2 中没有 PEM 私钥（RSA 或 EC）</translation>
    </message>
    <message>
        <source>cannot listen on %1:%2</source>
        <translation>无法监听 %1:%2</translation>
    </message>
    <message>
        <source>HQ is being maintained</source>
        <translation>总部正在维护</translation>
    </message>
    <message>
        <source>send at most %1 bytes a call</source>
        <translation>每次请求最多发送 %1 字节</translation>
    </message>
    <message>
        <source>terminal &quot;%1&quot; is not enrolled, or was revoked</source>
        <translation>收银机“%1”未注册或已被吊销</translation>
    </message>
    <message>
        <source>the signature does not match</source>
        <translation>签名不符</translation>
    </message>
    <message>
        <source>the terminal&apos;s clock is %1 s off HQ&apos;s</source>
        <translation>收银机时钟与总部相差 %1 秒</translation>
    </message>
    <message>
        <source>send {&quot;code&quot;: &quot;…&quot;}</source>
        <translation>请发送 {&quot;code&quot;: &quot;…&quot;}</translation>
    </message>
    <message>
        <source>send {&quot;events&quot;: [...]}</source>
        <translation>请发送 {&quot;events&quot;: [...]}</translation>
    </message>
    <message>
        <source>send at most %1 events a call</source>
        <translation>每次请求最多发送 %1 条记录</translation>
    </message>
    <message>
        <source>HQ could not store the events; nothing was kept</source>
        <translation>总部无法保存这些记录；均未保存</translation>
    </message>
    <message>
        <source>send ?cursor=N (0 for everything)</source>
        <translation>请发送 ?cursor=N（0 表示全部）</translation>
    </message>
    <message>
        <source>send Authorization: Bearer TOKEN (pos-hq admin-token NAME)</source>
        <translation>请发送 Authorization: Bearer 令牌（pos-hq admin-token 名称）</translation>
    </message>
    <message>
        <source>send ?store=S01&amp;from=YYYY-MM-DD&amp;to=YYYY-MM-DD</source>
        <translation>请发送 ?store=S01&amp;from=YYYY-MM-DD&amp;to=YYYY-MM-DD</translation>
    </message>
    <message>
        <source>send ?store=S01&amp;date=YYYY-MM-DD</source>
        <translation>请发送 ?store=S01&amp;date=YYYY-MM-DD</translation>
    </message>
</context>
<context>
    <name>pos::json::Reader</name>
    <message>
        <source>malformed JSON: unexpected text after the value at column %1</source>
        <translation>JSON 格式错误：第 %1 列的值后有多余内容</translation>
    </message>
    <message>
        <source>malformed JSON: nested too deeply</source>
        <translation>JSON 格式错误：嵌套过深</translation>
    </message>
    <message>
        <source>malformed JSON: unexpected end of line</source>
        <translation>JSON 格式错误：行意外结束</translation>
    </message>
    <message>
        <source>malformed JSON: expected a member name at column %1</source>
        <translation>JSON 格式错误：第 %1 列应为成员名</translation>
    </message>
    <message>
        <source>malformed JSON: expected &apos;:&apos; at column %1</source>
        <translation>JSON 格式错误：第 %1 列应为 &apos;:&apos;</translation>
    </message>
    <message>
        <source>malformed JSON: expected &apos;,&apos; or &apos;}&apos; at column %1</source>
        <translation>JSON 格式错误：第 %1 列应为 &apos;,&apos; 或 &apos;}&apos;</translation>
    </message>
    <message>
        <source>malformed JSON: expected &apos;,&apos; or &apos;]&apos; at column %1</source>
        <translation>JSON 格式错误：第 %1 列应为 &apos;,&apos; 或 &apos;]&apos;</translation>
    </message>
    <message>
        <source>malformed JSON: unexpected character at column %1</source>
        <translation>JSON 格式错误：第 %1 列有意外字符</translation>
    </message>
    <message>
        <source>malformed JSON: control character in a string at column %1</source>
        <translation>JSON 格式错误：第 %1 列字符串中有控制字符</translation>
    </message>
    <message>
        <source>malformed JSON: invalid UTF-8 at column %1</source>
        <translation>JSON 格式错误：第 %1 列 UTF-8 无效</translation>
    </message>
    <message>
        <source>malformed JSON: bad \u escape at column %1</source>
        <translation>JSON 格式错误：第 %1 列 \u 转义有误</translation>
    </message>
    <message>
        <source>malformed JSON: unpaired surrogate at column %1</source>
        <translation>JSON 格式错误：第 %1 列代理项未配对</translation>
    </message>
    <message>
        <source>malformed JSON: bad escape at column %1</source>
        <translation>JSON 格式错误：第 %1 列转义有误</translation>
    </message>
    <message>
        <source>malformed JSON: unterminated string</source>
        <translation>JSON 格式错误：字符串未结束</translation>
    </message>
    <message>
        <source>malformed JSON: bad number at column %1</source>
        <translation>JSON 格式错误：第 %1 列数字有误</translation>
    </message>
</context>
<context>
    <name>pos::scanner::HidPosScanner</name>
    <message>
        <source>A HID POS scanner is hidpos:auto, hidpos:VID:PID (hex, e.g. hidpos:0c2e:0b87) or hidpos:/dev/hidrawN; not &quot;%1&quot;.</source>
        <translation>HID POS 扫码枪地址应为 hidpos:auto、hidpos:VID:PID（十六进制，例如 hidpos:0c2e:0b87）或 hidpos:/dev/hidrawN，而不是“%1”。</translation>
    </message>
    <message>
        <source>The scanner at %1 was unplugged.</source>
        <translation>%1 上的扫码枪已拔出。</translation>
    </message>
    <message>
        <source>no HID POS scanner is plugged in (set the scanner to its USB HID POS mode).</source>
        <translation>没有连接 HID POS 扫码枪（请把扫码枪设为 USB HID POS 模式）。</translation>
    </message>
    <message>
        <source>no HID POS scanner %1:%2 is plugged in.</source>
        <translation>没有连接 HID POS 扫码枪 %1:%2。</translation>
    </message>
    <message>
        <source>cannot read %1: %2 (the till&apos;s user needs access to it: see the udev rules).</source>
        <translation>无法读取 %1：%2（收银机用户需要访问权限，见 udev 规则）。</translation>
    </message>
    <message>
        <source>cannot read the report descriptor of %1.</source>
        <translation>无法读取 %1 的报告描述符。</translation>
    </message>
    <message>
        <source>The scanner at %1 is gone.</source>
        <translation>%1 上的扫码枪已断开。</translation>
    </message>
    <message>
        <source>The scanner at %1 stopped: %2</source>
        <translation>%1 上的扫码枪已停止：%2</translation>
    </message>
    <message>
        <source>%1 bytes the scanner sent were not a report it declares; dropped.</source>
        <translation>扫码枪发来的 %1 字节不是它声明的报告，已丢弃。</translation>
    </message>
    <message>
        <source>%1 bytes of one code from the scanner were dropped: too long for a code.</source>
        <translation>扫码枪发来的一个码有 %1 字节，太长，不可能是条码，已丢弃。</translation>
    </message>
</context>
</TS>
