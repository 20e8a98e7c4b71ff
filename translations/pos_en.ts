<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AttributionService</name>
    <message>
        <source>There is no guide %1.</source>
        <translation>There is no guide %1.</translation>
    </message>
</context>
<context>
    <name>BarcodeParser</name>
    <message>
        <source>The scan was empty.</source>
        <translation>The scan was empty.</translation>
    </message>
    <message>
        <source>The scan is too long (%1 characters) to be a code.</source>
        <translation>The scan is too long (%1 characters) to be a code.</translation>
    </message>
    <message>
        <source>This link is not a code the till knows.</source>
        <translation>This link is not a code the till knows.</translation>
    </message>
    <message>
        <source>%1 %2 has a wrong check digit (it should end in %3): scan it again.</source>
        <translation>%1 %2 has a wrong check digit (it should end in %3): scan it again.</translation>
    </message>
    <message>
        <source>Scale code %1 has a wrong check digit: scan it again.</source>
        <translation>Scale code %1 has a wrong check digit: scan it again.</translation>
    </message>
    <message>
        <source>Not a valid GS1 code: %1.</source>
        <translation>Not a valid GS1 code: %1.</translation>
    </message>
</context>
<context>
    <name>Cart</name>
    <message>
        <source>No such line in the sale.</source>
        <translation>No such line in the sale.</translation>
    </message>
    <message>
        <source>Quantity must be between 1 and %1.</source>
        <translation>Quantity must be between 1 and %1.</translation>
    </message>
    <message>
        <source>The discount is larger than the line amount.</source>
        <translation>The discount is larger than the line amount.</translation>
    </message>
    <message>
        <source>The discount is larger than the sale amount.</source>
        <translation>The discount is larger than the sale amount.</translation>
    </message>
    <message>
        <source>The held sale is damaged.</source>
        <translation>The held sale is damaged.</translation>
    </message>
    <message>
        <source>A price is from ¥0.00 to ¥1,000,000.00.</source>
        <translation>A price is from ¥0.00 to ¥1,000,000.00.</translation>
    </message>
</context>
<context>
    <name>CheckoutService</name>
    <message>
        <source>This till is not set up for a store yet (run posctl init --demo).</source>
        <translation>This till is not set up for a store yet (run posctl init --demo).</translation>
    </message>
    <message>
        <source>The sale has no items.</source>
        <translation>The sale has no items.</translation>
    </message>
    <message>
        <source>The sale was not saved: %1</source>
        <translation>The sale was not saved: %1</translation>
    </message>
    <message>
        <source>There is no active staff member %1.</source>
        <translation>There is no active staff member %1.</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>The disk is full: nothing was saved. Free some space and try again.</source>
        <translation>The disk is full: nothing was saved. Free some space and try again.</translation>
    </message>
    <message>
        <source>The disk reported an I/O error: nothing was saved (%1).</source>
        <translation>The disk reported an I/O error: nothing was saved (%1).</translation>
    </message>
    <message>
        <source>The database is busy with another program: nothing was saved. Try again.</source>
        <translation>The database is busy with another program: nothing was saved. Try again.</translation>
    </message>
    <message>
        <source>The database file is damaged or not a till database (%1).</source>
        <translation>The database file is damaged or not a till database (%1).</translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation>Cannot open the database %1: %2</translation>
    </message>
    <message>
        <source>No transaction is open.</source>
        <translation>No transaction is open.</translation>
    </message>
    <message>
        <source>Cannot read the schema version of %1.</source>
        <translation>Cannot read the schema version of %1.</translation>
    </message>
    <message>
        <source>The database %1 was written by a newer version (schema %2, this till knows %3).</source>
        <translation>The database %1 was written by a newer version (schema %2, this till knows %3).</translation>
    </message>
    <message>
        <source>Upgrading the database to version %1 failed: %2</source>
        <translation>Upgrading the database to version %1 failed: %2</translation>
    </message>
    <message>
        <source>%1 is not a till database (or its first page is damaged). Nothing was changed or moved: give the till its own database file with --db.</source>
        <translation>%1 is not a till database (or its first page is damaged). Nothing was changed or moved: give the till its own database file with --db.</translation>
    </message>
    <message>
        <source>its check could not run (%1)</source>
        <translation>its check could not run (%1)</translation>
    </message>
    <message>
        <source>the disk is full (%1 KB free)</source>
        <translation>the disk is full (%1 KB free)</translation>
    </message>
    <message>
        <source>The till cannot open %1 now: %2. Nothing was changed or moved; it opens as soon as that is put right.</source>
        <translation>The till cannot open %1 now: %2. Nothing was changed or moved; it opens as soon as that is put right.</translation>
    </message>
    <message>
        <source>The database %1 failed its check (%2). Another program (process %3) has it open, so it was not moved: close the till and posctl, then start the till again to set it aside.</source>
        <translation>The database %1 failed its check (%2). Another program (process %3) has it open, so it was not moved: close the till and posctl, then start the till again to set it aside.</translation>
    </message>
    <message>
        <source>No savepoint is open.</source>
        <translation>No savepoint is open.</translation>
    </message>
</context>
<context>
    <name>DemoStore</name>
    <message>
        <source>The demo data %1 is missing from this build.</source>
        <translation>The demo data %1 is missing from this build.</translation>
    </message>
    <message>
        <source>products.csv line %1 is malformed.</source>
        <translation>products.csv line %1 is malformed.</translation>
    </message>
    <message>
        <source>The demo store names an unknown role.</source>
        <translation>The demo store names an unknown role.</translation>
    </message>
</context>
<context>
    <name>Discount</name>
    <message>
        <source>A percentage discount must be between 0% and 100%: &quot;%1&quot;</source>
        <translation>A percentage discount must be between 0% and 100%: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Not a valid 折 discount: &quot;%1&quot;</source>
        <translation>Not a valid 折 discount: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Not a valid discount: &quot;%1&quot; (try 20, 15% or 8.5折)</source>
        <translation>Not a valid discount: &quot;%1&quot; (try 20, 15% or 8.5折)</translation>
    </message>
</context>
<context>
    <name>EvdevScanner</name>
    <message>
        <source>An input-device scanner is evdev:/dev/input/by-id/…-event-kbd, not &quot;%1&quot;.</source>
        <translation>An input-device scanner is evdev:/dev/input/by-id/…-event-kbd, not &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Cannot read the scanner at %1: %2 (the till&apos;s user needs the input group, or a udev rule).</source>
        <translation>Cannot read the scanner at %1: %2 (the till&apos;s user needs the input group, or a udev rule).</translation>
    </message>
    <message>
        <source>The scanner at %1 is gone.</source>
        <translation>The scanner at %1 is gone.</translation>
    </message>
    <message>
        <source>Scanner connected (not exclusive)</source>
        <translation>Scanner connected (not exclusive)</translation>
    </message>
</context>
<context>
    <name>FileTransport</name>
    <message>
        <source>cannot open %1: %2</source>
        <translation>cannot open %1: %2</translation>
    </message>
    <message>
        <source>writing to %1 failed: %2</source>
        <translation>writing to %1 failed: %2</translation>
    </message>
</context>
<context>
    <name>Gs1</name>
    <message>
        <source>expected &quot;(&quot; at position %1</source>
        <translation>expected &quot;(&quot; at position %1</translation>
    </message>
    <message>
        <source>an AI is not closed with &quot;)&quot;</source>
        <translation>an AI is not closed with &quot;)&quot;</translation>
    </message>
    <message>
        <source>unknown GS1 application identifier at &quot;%1&quot;</source>
        <translation>unknown GS1 application identifier at &quot;%1&quot;</translation>
    </message>
    <message>
        <source>(%1) needs %2 characters</source>
        <translation>(%1) needs %2 characters</translation>
    </message>
    <message>
        <source>(%1) must have 1 to %2 characters</source>
        <translation>(%1) must have 1 to %2 characters</translation>
    </message>
    <message>
        <source>(%1) %2 has a wrong check digit</source>
        <translation>(%1) %2 has a wrong check digit</translation>
    </message>
    <message>
        <source>(%1) %2 is not a date (YYMMDD)</source>
        <translation>(%1) %2 is not a date (YYMMDD)</translation>
    </message>
    <message>
        <source>(%1) must be digits</source>
        <translation>(%1) must be digits</translation>
    </message>
    <message>
        <source>no GS1 data</source>
        <translation>no GS1 data</translation>
    </message>
</context>
<context>
    <name>HeldSaleService</name>
    <message>
        <source>There is nothing to hold.</source>
        <translation>There is nothing to hold.</translation>
    </message>
    <message>
        <source>That held sale no longer exists.</source>
        <translation>That held sale no longer exists.</translation>
    </message>
</context>
<context>
    <name>HidPosLayout</name>
    <message>
        <source>The report descriptor ends inside an item.</source>
        <translation>The report descriptor ends inside an item.</translation>
    </message>
    <message>
        <source>The report descriptor declares an impossibly large report.</source>
        <translation>The report descriptor declares an impossibly large report.</translation>
    </message>
    <message>
        <source>It is not a barcode scanner in HID POS mode (no Decoded Data on usage page 0x8C).</source>
        <translation>It is not a barcode scanner in HID POS mode (no Decoded Data on usage page 0x8C).</translation>
    </message>
</context>
<context>
    <name>HqClient</name>
    <message>
        <source>HQ&apos;s key is not the one this till was set up to trust (pinned key mismatch).</source>
        <translation>HQ&apos;s key is not the one this till was set up to trust (pinned key mismatch).</translation>
    </message>
    <message>
        <source>HQ did not answer in time.</source>
        <translation>HQ did not answer in time.</translation>
    </message>
    <message>
        <source>HQ answered %1.</source>
        <translation>HQ answered %1.</translation>
    </message>
</context>
<context>
    <name>HqStore</name>
    <message>
        <source>A database is sqlite:PATH or postgresql://USER:PASSWORD@HOST:PORT/NAME, not &quot;%1&quot;.</source>
        <translation>A database is sqlite:PATH or postgresql://USER:PASSWORD@HOST:PORT/NAME, not &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>PostgreSQL needs Qt&apos;s driver (Debian: libqt6sql6-psql).</source>
        <translation>PostgreSQL needs Qt&apos;s driver (Debian: libqt6sql6-psql).</translation>
    </message>
    <message>
        <source>Cannot open the HQ database: %1</source>
        <translation>Cannot open the HQ database: %1</translation>
    </message>
    <message>
        <source>The HQ database was written by a newer pos-hq (schema %1, this one knows %2).</source>
        <translation>The HQ database was written by a newer pos-hq (schema %1, this one knows %2).</translation>
    </message>
    <message>
        <source>Upgrading the HQ database to version %1 failed: %2</source>
        <translation>Upgrading the HQ database to version %1 failed: %2</translation>
    </message>
    <message>
        <source>A store id is 1 to 8 capital letters or digits (like S01), not &quot;%1&quot;.</source>
        <translation>A store id is 1 to 8 capital letters or digits (like S01), not &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>There is no store %1 (add it first: pos-hq stores add %1 NAME).</source>
        <translation>There is no store %1 (add it first: pos-hq stores add %1 NAME).</translation>
    </message>
    <message>
        <source>A terminal id is 1 to 8 capital letters or digits (like T01), not &quot;%1&quot;.</source>
        <translation>A terminal id is 1 to 8 capital letters or digits (like T01), not &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>the code is for %1/%2, not for %3/%4</source>
        <translation>the code is for %1/%2, not for %3/%4</translation>
    </message>
    <message>
        <source>The enrolment code is wrong, already used or expired.</source>
        <translation>The enrolment code is wrong, already used or expired.</translation>
    </message>
    <message>
        <source>There is no terminal %1/%2.</source>
        <translation>There is no terminal %1/%2.</translation>
    </message>
    <message>
        <source>an event needs id, topic, ref and payload</source>
        <translation>an event needs id, topic, ref and payload</translation>
    </message>
    <message>
        <source>unknown topic &quot;%1&quot;</source>
        <translation>unknown topic &quot;%1&quot;</translation>
    </message>
    <message>
        <source>payload.%1 is not the event&apos;s ref</source>
        <translation>payload.%1 is not the event&apos;s ref</translation>
    </message>
    <message>
        <source>payload needs number, business_date and %1</source>
        <translation>payload needs number, business_date and %1</translation>
    </message>
    <message>
        <source>%1 %2 belongs to %3/%4, not to the terminal that sent it (%5/%6)</source>
        <translation>%1 %2 belongs to %3/%4, not to the terminal that sent it (%5/%6)</translation>
    </message>
    <message>
        <source>number %1 is already used by another %2</source>
        <translation>number %1 is already used by another %2</translation>
    </message>
    <message>
        <source>A guide needs an id (letters and digits, like G07) and a name.</source>
        <translation>A guide needs an id (letters and digits, like G07) and a name.</translation>
    </message>
    <message>
        <source>There is no guide %1 still employed.</source>
        <translation>There is no guide %1 still employed.</translation>
    </message>
    <message>
        <source>The heir %1 is not an employed guide.</source>
        <translation>The heir %1 is not an employed guide.</translation>
    </message>
    <message>
        <source>A member id is M and 4 to 10 digits (like M0042), not &quot;%1&quot;.</source>
        <translation>A member id is M and 4 to 10 digits (like M0042), not &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>line %1: %2</translation>
    </message>
    <message>
        <source>a binding needs member, guide, at and an outcome</source>
        <translation>a binding needs member, guide, at and an outcome</translation>
    </message>
    <message>
        <source>The catalog needs the columns sku, barcodes, name, category, price_fen, commission_bp (and optionally active); &quot;%1&quot; is missing.</source>
        <translation>The catalog needs the columns sku, barcodes, name, category, price_fen, commission_bp (and optionally active); &quot;%1&quot; is missing.</translation>
    </message>
    <message>
        <source>line %1: needs a sku, a name, price_fen ≥ 0 and commission_bp 0–10000</source>
        <translation>line %1: needs a sku, a name, price_fen ≥ 0 and commission_bp 0–10000</translation>
    </message>
    <message>
        <source>Not a policy: %1</source>
        <translation>Not a policy: %1</translation>
    </message>
    <message>
        <source>Set the chain&apos;s attribution policy first (pos-hq policy set FILE.json): HQ must use the tills&apos; rules.</source>
        <translation>Set the chain&apos;s attribution policy first (pos-hq policy set FILE.json): HQ must use the tills&apos; rules.</translation>
    </message>
    <message>
        <source>Name the token after who or what uses it (e.g. bi-dashboard).</source>
        <translation>Name the token after who or what uses it (e.g. bi-dashboard).</translation>
    </message>
</context>
<context>
    <name>IngestCheck</name>
    <message>
        <source>created_at must be a date and time with its offset, not &quot;%1&quot;</source>
        <translation>created_at must be a date and time with its offset, not &quot;%1&quot;</translation>
    </message>
    <message>
        <source>the total must be whole fen from 0 to %1</source>
        <translation>the total must be whole fen from 0 to %1</translation>
    </message>
    <message>
        <source>%1 must be whole fen from 0 to %2</source>
        <translation>%1 must be whole fen from 0 to %2</translation>
    </message>
    <message>
        <source>a till&apos;s order is a store order (channel &quot;store&quot;), not &quot;%1&quot;</source>
        <translation>a till&apos;s order is a store order (channel &quot;store&quot;), not &quot;%1&quot;</translation>
    </message>
    <message>
        <source>the lines&apos; amounts must be whole fen adding up to the total</source>
        <translation>the lines&apos; amounts must be whole fen adding up to the total</translation>
    </message>
    <message>
        <source>the payments must be whole fen adding up to the total</source>
        <translation>the payments must be whole fen adding up to the total</translation>
    </message>
    <message>
        <source>what was paid less the change must be the total</source>
        <translation>what was paid less the change must be the total</translation>
    </message>
    <message>
        <source>the guides&apos; credits must be whole fen above 0, together no more than the total</source>
        <translation>the guides&apos; credits must be whole fen above 0, together no more than the total</translation>
    </message>
    <message>
        <source>each credit names a guide and is a sales or an exclusive credit</source>
        <translation>each credit names a guide and is a sales or an exclusive credit</translation>
    </message>
    <message>
        <source>paid_at and business_date must be a real time and the day it fell on</source>
        <translation>paid_at and business_date must be a real time and the day it fell on</translation>
    </message>
    <message>
        <source>paid_at must be within a day of the event&apos;s created_at</source>
        <translation>paid_at must be within a day of the event&apos;s created_at</translation>
    </message>
    <message>
        <source>a refund&apos;s amount must be whole fen from 1 to %1</source>
        <translation>a refund&apos;s amount must be whole fen from 1 to %1</translation>
    </message>
    <message>
        <source>there is no order %1 of this store to refund</source>
        <translation>there is no order %1 of this store to refund</translation>
    </message>
    <message>
        <source>the refund of %1 fen is more than the %2 fen left of order %3</source>
        <translation>the refund of %1 fen is more than the %2 fen left of order %3</translation>
    </message>
    <message>
        <source>the refunded lines must be whole fen adding up to the amount</source>
        <translation>the refunded lines must be whole fen adding up to the amount</translation>
    </message>
    <message>
        <source>the refunded payments must be whole fen adding up to the amount</source>
        <translation>the refunded payments must be whole fen adding up to the amount</translation>
    </message>
    <message>
        <source>a refund&apos;s credits are reversals: whole fen below 0</source>
        <translation>a refund&apos;s credits are reversals: whole fen below 0</translation>
    </message>
    <message>
        <source>the reversed credits must be no more than the amount refunded</source>
        <translation>the reversed credits must be no more than the amount refunded</translation>
    </message>
    <message>
        <source>refunded_at must be a real time within a day of the event&apos;s created_at</source>
        <translation>refunded_at must be a real time within a day of the event&apos;s created_at</translation>
    </message>
</context>
<context>
    <name>LookupService</name>
    <message>
        <source>No barcode or SKU was given.</source>
        <translation>No barcode or SKU was given.</translation>
    </message>
    <message>
        <source>Unknown barcode or SKU: %1</source>
        <translation>Unknown barcode or SKU: %1</translation>
    </message>
    <message>
        <source>%1 (%2) is no longer on sale.</source>
        <translation>%1 (%2) is no longer on sale.</translation>
    </message>
    <message>
        <source>Unknown guide: %1</source>
        <translation>Unknown guide: %1</translation>
    </message>
    <message>
        <source>%1 (%2) has left the company and cannot be credited with sales.</source>
        <translation>%1 (%2) has left the company and cannot be credited with sales.</translation>
    </message>
    <message>
        <source>No member code or phone number was given.</source>
        <translation>No member code or phone number was given.</translation>
    </message>
    <message>
        <source>No member with code or phone %1.</source>
        <translation>No member with code or phone %1.</translation>
    </message>
</context>
<context>
    <name>OrderHistory</name>
    <message>
        <source>No order %1 on this till.</source>
        <translation>No order %1 on this till.</translation>
    </message>
</context>
<context>
    <name>PngTransport</name>
    <message>
        <source>the preview is not open</source>
        <translation>the preview is not open</translation>
    </message>
    <message>
        <source>cannot write the preview %1: %2</source>
        <translation>cannot write the preview %1: %2</translation>
    </message>
</context>
<context>
    <name>PosHq</name>
    <message>
        <source>wrong arguments (see pos-hq --help)</source>
        <translation>wrong arguments (see pos-hq --help)</translation>
    </message>
    <message>
        <source>Address and port, e.g. 127.0.0.1:8443 (port 0: any free one).</source>
        <translation>Address and port, e.g. 127.0.0.1:8443 (port 0: any free one).</translation>
    </message>
    <message>
        <source>The server certificate (PEM), signed by the chain&apos;s CA.</source>
        <translation>The server certificate (PEM), signed by the chain&apos;s CA.</translation>
    </message>
    <message>
        <source>The server&apos;s private key (PEM).</source>
        <translation>The server&apos;s private key (PEM).</translation>
    </message>
    <message>
        <source>Answer 503 with this Retry-After to every call.</source>
        <translation>Answer 503 with this Retry-After to every call.</translation>
    </message>
    <message>
        <source>--listen needs HOST:PORT, e.g. 127.0.0.1:8443</source>
        <translation>--listen needs HOST:PORT, e.g. 127.0.0.1:8443</translation>
    </message>
    <message>
        <source>HQ speaks HTTPS only: give --cert and --key</source>
        <translation>HQ speaks HTTPS only: give --cert and --key</translation>
    </message>
    <message>
        <source>pos-hq listening on https://%1:%2</source>
        <translation>pos-hq listening on https://%1:%2</translation>
    </message>
    <message>
        <source>use: pos-hq stores add ID NAME</source>
        <translation>use: pos-hq stores add ID NAME</translation>
    </message>
    <message>
        <source>The store, e.g. S01.</source>
        <translation>The store, e.g. S01.</translation>
    </message>
    <message>
        <source>The till, e.g. T01.</source>
        <translation>The till, e.g. T01.</translation>
    </message>
    <message>
        <source>How long the code may be used (default 24).</source>
        <translation>How long the code may be used (default 24).</translation>
    </message>
    <message>
        <source>--valid-hours is 1 to 720</source>
        <translation>--valid-hours is 1 to 720</translation>
    </message>
    <message>
        <source>Revoke this terminal: its secret stops working at once.</source>
        <translation>Revoke this terminal: its secret stops working at once.</translation>
    </message>
    <message>
        <source>--revoke needs STORE/TERMINAL, e.g. S01/T01</source>
        <translation>--revoke needs STORE/TERMINAL, e.g. S01/T01</translation>
    </message>
    <message>
        <source>enrolled %1</source>
        <translation>enrolled %1</translation>
    </message>
    <message>
        <source>revoked %1</source>
        <translation>revoked %1</translation>
    </message>
    <message>
        <source>A business day, YYYY-MM-DD (default: every day).</source>
        <translation>A business day, YYYY-MM-DD (default: every day).</translation>
    </message>
    <message>
        <source>One JSON object per order.</source>
        <translation>One JSON object per order.</translation>
    </message>
    <message>
        <source>orders needs --store ID</source>
        <translation>orders needs --store ID</translation>
    </message>
    <message>
        <source>bad date &quot;%1&quot; (use YYYY-MM-DD)</source>
        <translation>bad date &quot;%1&quot; (use YYYY-MM-DD)</translation>
    </message>
    <message>
        <source>The business day, YYYY-MM-DD.</source>
        <translation>The business day, YYYY-MM-DD.</translation>
    </message>
    <message>
        <source>One JSON object per guide.</source>
        <translation>One JSON object per guide.</translation>
    </message>
    <message>
        <source>leaderboard needs --store ID and --date YYYY-MM-DD</source>
        <translation>leaderboard needs --store ID and --date YYYY-MM-DD</translation>
    </message>
    <message>
        <source>unknown option %1 (see pos-hq --help)</source>
        <translation>unknown option %1 (see pos-hq --help)</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot; (see pos-hq --help)</source>
        <translation>unknown command &quot;%1&quot; (see pos-hq --help)</translation>
    </message>
    <message>
        <source>With add: the guide&apos;s store.</source>
        <translation>With add: the guide&apos;s store.</translation>
    </message>
    <message>
        <source>With depart: who inherits the guide&apos;s customers.</source>
        <translation>With depart: who inherits the guide&apos;s customers.</translation>
    </message>
    <message>
        <source>use: pos-hq guides add ID NAME --store S01 | guides depart ID [--heir ID]</source>
        <translation>use: pos-hq guides add ID NAME --store S01 | guides depart ID [--heir ID]</translation>
    </message>
    <message>
        <source>Done; the store&apos;s tills get it at their next sync.</source>
        <translation>Done; the store&apos;s tills get it at their next sync.</translation>
    </message>
    <message>
        <source>The member&apos;s mobile number.</source>
        <translation>The member&apos;s mobile number.</translation>
    </message>
    <message>
        <source>The member&apos;s name.</source>
        <translation>The member&apos;s name.</translation>
    </message>
    <message>
        <source>Bind the member to this exclusive guide.</source>
        <translation>Bind the member to this exclusive guide.</translation>
    </message>
    <message>
        <source>use: pos-hq members add ID --phone P --name N [--guide ID]</source>
        <translation>use: pos-hq members add ID --phone P --name N [--guide ID]</translation>
    </message>
    <message>
        <source>Done; every store&apos;s tills get it at their next sync.</source>
        <translation>Done; every store&apos;s tills get it at their next sync.</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>cannot read %1: %2</translation>
    </message>
    <message>
        <source>%1 line(s) kept, %2 bad; %3 new online credit(s) for the stores&apos; tills.</source>
        <translation>%1 line(s) kept, %2 bad; %3 new online credit(s) for the stores&apos; tills.</translation>
    </message>
    <message>
        <source>use: pos-hq catalog import FILE.csv</source>
        <translation>use: pos-hq catalog import FILE.csv</translation>
    </message>
    <message>
        <source>%1 product(s) changed (sent to every till), %2 unchanged, %3 bad line(s).</source>
        <translation>%1 product(s) changed (sent to every till), %2 unchanged, %3 bad line(s).</translation>
    </message>
    <message>
        <source>use: pos-hq policy [set FILE.json]</source>
        <translation>use: pos-hq policy [set FILE.json]</translation>
    </message>
    <message>
        <source>No policy set: the tills use their own.</source>
        <translation>No policy set: the tills use their own.</translation>
    </message>
    <message>
        <source>%1 order(s) and refund(s) recomputed; %2 adjusting credit(s) sent to the stores.</source>
        <translation>%1 order(s) and refund(s) recomputed; %2 adjusting credit(s) sent to the stores.</translation>
    </message>
    <message>
        <source>Recompute the store credits every so many minutes (0: never; default 15).</source>
        <translation>Recompute the store credits every so many minutes (0: never; default 15).</translation>
    </message>
    <message>
        <source>use: pos-hq admin-token NAME</source>
        <translation>use: pos-hq admin-token NAME</translation>
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
        <translation>Usage: pos-hq [--database URL] COMMAND [OPTIONS]

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
</translation>
    </message>
    <message>
        <source>The first business day, YYYY-MM-DD.</source>
        <translation>The first business day, YYYY-MM-DD.</translation>
    </message>
    <message>
        <source>The last business day, YYYY-MM-DD (default: the first).</source>
        <translation>The last business day, YYYY-MM-DD (default: the first).</translation>
    </message>
    <message>
        <source>One JSON object per credit.</source>
        <translation>One JSON object per credit.</translation>
    </message>
    <message>
        <source>ledger needs --store ID and --from YYYY-MM-DD [--to YYYY-MM-DD]</source>
        <translation>ledger needs --store ID and --from YYYY-MM-DD [--to YYYY-MM-DD]</translation>
    </message>
</context>
<context>
    <name>Posctl</name>
    <message>
        <source>Load the demo store.</source>
        <translation>Load the demo store.</translation>
    </message>
    <message>
        <source>Database %1 is ready (schema %2).</source>
        <translation>Database %1 is ready (schema %2).</translation>
    </message>
    <message>
        <source>Store %1 %2, terminal %3: %4 products, %5 guides, %6 members.</source>
        <translation>Store %1 %2, terminal %3: %4 products, %5 guides, %6 members.</translation>
    </message>
    <message>
        <source>Name, pinyin initials, SKU or barcode.</source>
        <translation>Name, pinyin initials, SKU or barcode.</translation>
    </message>
    <message>
        <source>One JSON object per line.</source>
        <translation>One JSON object per line.</translation>
    </message>
    <message>
        <source>--search needs some text.</source>
        <translation>--search needs some text.</translation>
    </message>
    <message>
        <source>(withdrawn)</source>
        <translation>(withdrawn)</translation>
    </message>
    <message>
        <source>No product matches &quot;%1&quot;.</source>
        <translation>No product matches &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>active</source>
        <translation>active</translation>
    </message>
    <message>
        <source>departed %1</source>
        <translation>departed %1</translation>
    </message>
    <message>
        <source>missing argument (see posctl --help)</source>
        <translation>missing argument (see posctl --help)</translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot; (see posctl --help)</source>
        <translation>unexpected argument &quot;%1&quot; (see posctl --help)</translation>
    </message>
    <message>
        <source>--db needs a file path.</source>
        <translation>--db needs a file path.</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot; (see posctl --help)</source>
        <translation>unknown command &quot;%1&quot; (see posctl --help)</translation>
    </message>
    <message>
        <source>unknown payment method &quot;%1&quot; (cash, card, wechat or alipay)</source>
        <translation>unknown payment method &quot;%1&quot; (cash, card, wechat or alipay)</translation>
    </message>
    <message>
        <source>malformed amount &quot;%1&quot; in --pay %2 (yuan, at most two decimals)</source>
        <translation>malformed amount &quot;%1&quot; in --pay %2 (yuan, at most two decimals)</translation>
    </message>
    <message>
        <source>the amount in --pay %1 must be more than zero</source>
        <translation>the amount in --pay %1 must be more than zero</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Order %1  %2</source>
        <translation>Order %1  %2</translation>
    </message>
    <message>
        <source>  discount</source>
        <translation>  discount</translation>
    </message>
    <message>
        <source>  Total %1   Paid %2   Change %3</source>
        <translation>  Total %1   Paid %2   Change %3</translation>
    </message>
    <message>
        <source>ref %1</source>
        <translation>ref %1</translation>
    </message>
    <message>
        <source>  Guide: %1</source>
        <translation>  Guide: %1</translation>
    </message>
    <message>
        <source>   Member: %1</source>
        <translation>   Member: %1</translation>
    </message>
    <message>
        <source> (exclusive guide %1)</source>
        <translation> (exclusive guide %1)</translation>
    </message>
    <message>
        <source>The guide who served the customer.</source>
        <translation>The guide who served the customer.</translation>
    </message>
    <message>
        <source>Member code or phone.</source>
        <translation>Member code or phone.</translation>
    </message>
    <message>
        <source>A barcode or SKU, optionally *quantity.</source>
        <translation>A barcode or SKU, optionally *quantity.</translation>
    </message>
    <message>
        <source>A tender: cash, card, wechat or alipay, amount in yuan, reference.</source>
        <translation>A tender: cash, card, wechat or alipay, amount in yuan, reference.</translation>
    </message>
    <message>
        <source>An order discount: 20, 15% or 8.5折.</source>
        <translation>An order discount: 20, 15% or 8.5折.</translation>
    </message>
    <message>
        <source>Print the order as JSON.</source>
        <translation>Print the order as JSON.</translation>
    </message>
    <message>
        <source>a sale needs at least one --scan</source>
        <translation>a sale needs at least one --scan</translation>
    </message>
    <message>
        <source>a sale needs at least one --pay (e.g. --pay cash)</source>
        <translation>a sale needs at least one --pay (e.g. --pay cash)</translation>
    </message>
    <message>
        <source>--guide needs a guide id</source>
        <translation>--guide needs a guide id</translation>
    </message>
    <message>
        <source>--member needs a member code or phone</source>
        <translation>--member needs a member code or phone</translation>
    </message>
    <message>
        <source>Business day, YYYY-MM-DD (store time).</source>
        <translation>Business day, YYYY-MM-DD (store time).</translation>
    </message>
    <message>
        <source>bad date &quot;%1&quot; (use YYYY-MM-DD)</source>
        <translation>bad date &quot;%1&quot; (use YYYY-MM-DD)</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s), %1</source>
        <translation>
            <numerusform>%n order, %1</numerusform>
            <numerusform>%n orders, %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Order number (or id).</source>
        <translation>Order number (or id).</translation>
    </message>
    <message>
        <source>Say why each credit went where it did.</source>
        <translation>Say why each credit went where it did.</translation>
    </message>
    <message>
        <source>Events, one JSON object a line (- for standard input).</source>
        <translation>Events, one JSON object a line (- for standard input).</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>cannot read %1: %2</translation>
    </message>
    <message>
        <source>The business day (today by default).</source>
        <translation>The business day (today by default).</translation>
    </message>
    <message>
        <source>This till is not set up for a store yet (run posctl init --demo).</source>
        <translation>This till is not set up for a store yet (run posctl init --demo).</translation>
    </message>
    <message>
        <source>  %1 orders  %2 members  %3 vs the day before</source>
        <translation>  %1 orders  %2 members  %3 vs the day before</translation>
    </message>
    <message>
        <source>Online amounts: no figures from HQ yet.</source>
        <translation>Online amounts: no figures from HQ yet.</translation>
    </message>
    <message>
        <source>A product to take back, optionally *quantity (default: the whole order).</source>
        <translation>A product to take back, optionally *quantity (default: the whole order).</translation>
    </message>
    <message>
        <source>Print the refund as JSON.</source>
        <translation>Print the refund as JSON.</translation>
    </message>
    <message>
        <source>The order number on the receipt.</source>
        <translation>The order number on the receipt.</translation>
    </message>
    <message>
        <source>Refund %1 of order %2: %3</source>
        <translation>Refund %1 of order %2: %3</translation>
    </message>
    <message>
        <source>  back to %1: %2</source>
        <translation>  back to %1: %2</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <translation>%1 %2 (%3)</translation>
    </message>
    <message>
        <source>exclusive</source>
        <translation>exclusive</translation>
    </message>
    <message>
        <source>sales</source>
        <translation>sales</translation>
    </message>
    <message>
        <source>  Credited: %1   (policy %2)</source>
        <translation>  Credited: %1   (policy %2)</translation>
    </message>
    <message>
        <source>bad quantity in %1 %2 (a whole number from 1 to %3)</source>
        <translation>bad quantity in %1 %2 (a whole number from 1 to %3)</translation>
    </message>
    <message>
        <source>%1 needs a barcode or SKU</source>
        <translation>%1 needs a barcode or SKU</translation>
    </message>
    <message>
        <source>There is no guide %1.</source>
        <translation>There is no guide %1.</translation>
    </message>
    <message>
        <source>why: %1</source>
        <translation>why: %1</translation>
    </message>
    <message>
        <source>List this guide&apos;s credits of the day and why each went to them.</source>
        <translation>List this guide&apos;s credits of the day and why each went to them.</translation>
    </message>
    <message>
        <source>One JSON object per guide (or per credit).</source>
        <translation>One JSON object per guide (or per credit).</translation>
    </message>
    <message>
        <source>Online amounts from HQ as of %1.</source>
        <translation>Online amounts from HQ as of %1.</translation>
    </message>
    <message>
        <source>One JSON object per printer.</source>
        <translation>One JSON object per printer.</translation>
    </message>
    <message>
        <source>USB: not available (%1)</source>
        <translation>USB: not available (%1)</translation>
    </message>
    <message>
        <source>  (bus %1 device %2, interface %3%4)</source>
        <translation>  (bus %1 device %2, interface %3%4)</translation>
    </message>
    <message>
        <source>No USB receipt printer found.</source>
        <translation>No USB receipt printer found.</translation>
    </message>
    <message>
        <source>Receipt printer: %1</source>
        <translation>Receipt printer: %1</translation>
    </message>
    <message>
        <source>Print a test page.</source>
        <translation>Print a test page.</translation>
    </message>
    <message>
        <source>Print this order&apos;s receipt.</source>
        <translation>Print this order&apos;s receipt.</translation>
    </message>
    <message>
        <source>Printer profile (see the profiles list in the README).</source>
        <translation>Printer profile (see the profiles list in the README).</translation>
    </message>
    <message>
        <source>--width must be 58 or 80.</source>
        <translation>--width must be 58 or 80.</translation>
    </message>
    <message>
        <source>unknown printer profile &quot;%1&quot; (known: %2)</source>
        <translation>unknown printer profile &quot;%1&quot; (known: %2)</translation>
    </message>
    <message>
        <source>not printed: %1</source>
        <translation>not printed: %1</translation>
    </message>
    <message>
        <source>Printed on %1 (%2).</source>
        <translation>Printed on %1 (%2).</translation>
    </message>
    <message>
        <source>Do not print the refund receipt.</source>
        <translation>Do not print the refund receipt.</translation>
    </message>
    <message>
        <source>Receipt printer removed: receipts are no longer printed.</source>
        <translation>Receipt printer removed: receipts are no longer printed.</translation>
    </message>
    <message>
        <source>, profile %1</source>
        <translation>, profile %1</translation>
    </message>
    <message>
        <source>, %1 mm</source>
        <translation>, %1 mm</translation>
    </message>
    <message>
        <source>Make this the till&apos;s receipt printer.</source>
        <translation>Make this the till&apos;s receipt printer.</translation>
    </message>
    <message>
        <source>The till has no receipt printer any more.</source>
        <translation>The till has no receipt printer any more.</translation>
    </message>
    <message>
        <source>With --set: paper width in mm, 58 or 80.</source>
        <translation>With --set: paper width in mm, 58 or 80.</translation>
    </message>
    <message>
        <source>With --set: the printer profile.</source>
        <translation>With --set: the printer profile.</translation>
    </message>
    <message>
        <source>use either --set URI or --clear.</source>
        <translation>use either --set URI or --clear.</translation>
    </message>
    <message>
        <source>--width and --profile go with --set URI.</source>
        <translation>--width and --profile go with --set URI.</translation>
    </message>
    <message>
        <source>Receipt printer: not configured (posctl printers --set URI).</source>
        <translation>Receipt printer: not configured (posctl printers --set URI).</translation>
    </message>
    <message>
        <source>Where to print (default: the till&apos;s receipt printer): usb://VID:PID, usb://auto, tcp://HOST[:PORT], file:/dev/usb/lp0, serial:/dev/ttyUSB0[?baud=N], png:FILE.png.</source>
        <translation>Where to print (default: the till&apos;s receipt printer): usb://VID:PID, usb://auto, tcp://HOST[:PORT], file:/dev/usb/lp0, serial:/dev/ttyUSB0[?baud=N], png:FILE.png.</translation>
    </message>
    <message>
        <source>Print this refund&apos;s receipt.</source>
        <translation>Print this refund&apos;s receipt.</translation>
    </message>
    <message>
        <source>Print a copy, marked as such (a receipt already printed always is).</source>
        <translation>Print a copy, marked as such (a receipt already printed always is).</translation>
    </message>
    <message>
        <source>Paper width in mm: 58 or 80 (default: the till&apos;s setting, else 80).</source>
        <translation>Paper width in mm: 58 or 80 (default: the till&apos;s setting, else 80).</translation>
    </message>
    <message>
        <source>print needs exactly one of --test, --order NUMBER or --refund NUMBER.</source>
        <translation>print needs exactly one of --test, --order NUMBER or --refund NUMBER.</translation>
    </message>
    <message>
        <source>--copy goes with --order or --refund.</source>
        <translation>--copy goes with --order or --refund.</translation>
    </message>
    <message>
        <source>no receipt printer is set up: give --printer URI, or set one with posctl printers --set URI.</source>
        <translation>no receipt printer is set up: give --printer URI, or set one with posctl printers --set URI.</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>queued</translation>
    </message>
    <message>
        <source>printing</source>
        <translation>printing</translation>
    </message>
    <message>
        <source>printed %1</source>
        <translation>printed %1</translation>
    </message>
    <message>
        <source>failed, retrying</source>
        <translation>failed, retrying</translation>
    </message>
    <message>
        <source>failed, waiting for you</source>
        <translation>failed, waiting for you</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>--%1 needs a job number (see posctl print-jobs).</source>
        <translation>--%1 needs a job number (see posctl print-jobs).</translation>
    </message>
    <message>
        <source>Printed %1 on %2.</source>
        <translation>Printed %1 on %2.</translation>
    </message>
    <message>
        <source>%1 was cancelled.</source>
        <translation>%1 was cancelled.</translation>
    </message>
    <message>
        <source>%1 not printed: %2. It waits in the print queue as job %3 (posctl print-jobs).</source>
        <translation>%1 not printed: %2. It waits in the print queue as job %3 (posctl print-jobs).</translation>
    </message>
    <message>
        <source>the receipt could not be queued: %1</source>
        <translation>the receipt could not be queued: %1</translation>
    </message>
    <message>
        <source>The latest jobs, printed ones too (default: those not printed).</source>
        <translation>The latest jobs, printed ones too (default: those not printed).</translation>
    </message>
    <message>
        <source>Print this job again now.</source>
        <translation>Print this job again now.</translation>
    </message>
    <message>
        <source>Do not print this job.</source>
        <translation>Do not print this job.</translation>
    </message>
    <message>
        <source>Print every job whose turn has come.</source>
        <translation>Print every job whose turn has come.</translation>
    </message>
    <message>
        <source>One JSON object per job.</source>
        <translation>One JSON object per job.</translation>
    </message>
    <message>
        <source>use one of --retry, --cancel or --run.</source>
        <translation>use one of --retry, --cancel or --run.</translation>
    </message>
    <message>
        <source>%1 cancelled.</source>
        <translation>%1 cancelled.</translation>
    </message>
    <message>
        <source>No receipt waits to be printed.</source>
        <translation>No receipt waits to be printed.</translation>
    </message>
    <message>
        <source>Do not print the receipt.</source>
        <translation>Do not print the receipt.</translation>
    </message>
    <message>
        <source>Print the result as one JSON object.</source>
        <translation>Print the result as one JSON object.</translation>
    </message>
    <message>
        <source>What the scanner sent (\x1d or &lt;GS&gt; for the GS1 separator).</source>
        <translation>What the scanner sent (\x1d or &lt;GS&gt; for the GS1 separator).</translation>
    </message>
    <message>
        <source>The keyboard-wedge scanner only.</source>
        <translation>The keyboard-wedge scanner only.</translation>
    </message>
    <message>
        <source>The store&apos;s weighted-code layout, e.g. 20-29:5:5:price or 28:5:5:weight.</source>
        <translation>The store&apos;s weighted-code layout, e.g. 20-29:5:5:price or 28:5:5:weight.</translation>
    </message>
    <message>
        <source>Weighted codes: prefixes %1, %2-digit item, %3-digit %4</source>
        <translation>Weighted codes: prefixes %1, %2-digit item, %3-digit %4</translation>
    </message>
    <message>
        <source>price in fen</source>
        <translation>price in fen</translation>
    </message>
    <message>
        <source>weight in grams</source>
        <translation>weight in grams</translation>
    </message>
    <message>
        <source>One JSON object per file.</source>
        <translation>One JSON object per file.</translation>
    </message>
    <message>
        <source>Images (PNG, JPEG, BMP…).</source>
        <translation>Images (PNG, JPEG, BMP…).</translation>
    </message>
    <message>
        <source>cannot read %1 as an image: %2</source>
        <translation>cannot read %1 as an image: %2</translation>
    </message>
    <message>
        <source>%1: no barcode found</source>
        <translation>%1: no barcode found</translation>
    </message>
    <message>
        <source>Scanner device: none</source>
        <translation>Scanner device: none</translation>
    </message>
    <message>
        <source>Scanner device: %1</source>
        <translation>Scanner device: %1</translation>
    </message>
    <message>
        <source>HID POS scanner %1 (%2)</source>
        <translation>HID POS scanner %1 (%2)</translation>
    </message>
    <message>
        <source>serial/USB-COM %1 %2 (%3:%4)</source>
        <translation>serial/USB-COM %1 %2 (%3:%4)</translation>
    </message>
    <message>
        <source>keyboard device (a wedge scanner is one)</source>
        <translation>keyboard device (a wedge scanner is one)</translation>
    </message>
    <message>
        <source>none found besides the keyboard wedge</source>
        <translation>none found besides the keyboard wedge</translation>
    </message>
    <message>
        <source>Use this scanner too: serial:/dev/ttyACM0[?baud=9600], a wedge scanner&apos;s own device evdev:/dev/input/by-id/…-event-kbd, or a HID POS scanner hidpos:auto|VID:PID|/dev/hidrawN.</source>
        <translation>Use this scanner too: serial:/dev/ttyACM0[?baud=9600], a wedge scanner&apos;s own device evdev:/dev/input/by-id/…-event-kbd, or a HID POS scanner hidpos:auto|VID:PID|/dev/hidrawN.</translation>
    </message>
    <message>
        <source>List the scanners plugged in now, with their addresses.</source>
        <translation>List the scanners plugged in now, with their addresses.</translation>
    </message>
    <message>
        <source>Scanners found:</source>
        <translation>Scanners found:</translation>
    </message>
    <message>
        <source>How the keyboard wedge tells a scanner from a person: gap=MS,min=N,tab=on|off,prefix=TEXT,suffix=TEXT (any of them).</source>
        <translation>How the keyboard wedge tells a scanner from a person: gap=MS,min=N,tab=on|off,prefix=TEXT,suffix=TEXT (any of them).</translation>
    </message>
    <message>
        <source>Keyboard-wedge scanner: always on (%1)</source>
        <translation>Keyboard-wedge scanner: always on (%1)</translation>
    </message>
    <message>
        <source>HQ&apos;s address, https://HOST[:PORT].</source>
        <translation>HQ&apos;s address, https://HOST[:PORT].</translation>
    </message>
    <message>
        <source>The one-time code from pos-hq enroll.</source>
        <translation>The one-time code from pos-hq enroll.</translation>
    </message>
    <message>
        <source>The chain&apos;s CA certificate (PEM): the only one this till will trust for HQ.</source>
        <translation>The chain&apos;s CA certificate (PEM): the only one this till will trust for HQ.</translation>
    </message>
    <message>
        <source>Also pin HQ&apos;s key: the SHA-256 of its public key, base64.</source>
        <translation>Also pin HQ&apos;s key: the SHA-256 of its public key, base64.</translation>
    </message>
    <message>
        <source>enroll needs --ca CA.pem, the chain&apos;s CA certificate.</source>
        <translation>enroll needs --ca CA.pem, the chain&apos;s CA certificate.</translation>
    </message>
    <message>
        <source>Enrolled with %1 as %2/%3.</source>
        <translation>Enrolled with %1 as %2/%3.</translation>
    </message>
    <message>
        <source>Send what is waiting, then stop (exit 1 if HQ could not take it all).</source>
        <translation>Send what is waiting, then stop (exit 1 if HQ could not take it all).</translation>
    </message>
    <message>
        <source>Events per call, 1 to 500 (default 500).</source>
        <translation>Events per call, 1 to 500 (default 500).</translation>
    </message>
    <message>
        <source>--batch is 1 to 500</source>
        <translation>--batch is 1 to 500</translation>
    </message>
    <message>
        <source>This till is not enrolled with HQ (posctl enroll URL CODE --ca CA.pem).</source>
        <translation>This till is not enrolled with HQ (posctl enroll URL CODE --ca CA.pem).</translation>
    </message>
    <message>
        <source>Print the status as one JSON object.</source>
        <translation>Print the status as one JSON object.</translation>
    </message>
    <message>
        <source>sent %1 (%2 HQ had already), parked %3; received %4 change(s) from HQ</source>
        <translation>sent %1 (%2 HQ had already), parked %3; received %4 change(s) from HQ</translation>
    </message>
    <message numerus="yes">
        <source>%n refused event(s) back in the queue.</source>
        <translation>
            <numerusform>%n refused event back in the queue.</numerusform>
            <numerusform>%n refused events back in the queue.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) refused by HQ were parked (see posctl sync-status; posctl sync --retry-parked once HQ is fixed).</source>
        <translation>
            <numerusform>%n event refused by HQ was parked (see posctl sync-status; posctl sync --retry-parked once HQ is fixed).</numerusform>
            <numerusform>%n events refused by HQ were parked (see posctl sync-status; posctl sync --retry-parked once HQ is fixed).</numerusform>
        </translation>
    </message>
    <message>
        <source>Shift %1, opened %2 by %3</source>
        <translation>Shift %1, opened %2 by %3</translation>
    </message>
    <message>
        <source>  float %1 + cash sales %2 − cash refunds %3 + cash in/out %4 = expected %5</source>
        <translation>  float %1 + cash sales %2 − cash refunds %3 + cash in/out %4 = expected %5</translation>
    </message>
    <message>
        <source>  closed %1: counted %2, difference %3</source>
        <translation>  closed %1: counted %2, difference %3</translation>
    </message>
    <message>
        <source>Z report %1</source>
        <translation>Z report %1</translation>
    </message>
    <message>
        <source>X report</source>
        <translation>X report</translation>
    </message>
    <message>
        <source>  sales %1 in %2 order(s) (before discounts %3, discounts %4)</source>
        <translation>  sales %1 in %2 order(s) (before discounts %3, discounts %4)</translation>
    </message>
    <message>
        <source>  refunds %1 in %2 refund(s); net %3</source>
        <translation>  refunds %1 in %2 refund(s); net %3</translation>
    </message>
    <message>
        <source>taken %1, given back %2, net %3</source>
        <translation>taken %1, given back %2, net %3</translation>
    </message>
    <message>
        <source>guide %1: credited %2, refunds %3, net %4</source>
        <translation>guide %1: credited %2, refunds %3, net %4</translation>
    </message>
    <message>
        <source>  new members %1; records waiting for HQ %2</source>
        <translation>  new members %1; records waiting for HQ %2</translation>
    </message>
    <message>
        <source>shift %1: expected %2</source>
        <translation>shift %1: expected %2</translation>
    </message>
    <message>
        <source>, counted %1, difference %2</source>
        <translation>, counted %1, difference %2</translation>
    </message>
    <message>
        <source>open, cash, close or status.</source>
        <translation>open, cash, close or status.</translation>
    </message>
    <message>
        <source>With open: the opening float in yuan.</source>
        <translation>With open: the opening float in yuan.</translation>
    </message>
    <message>
        <source>Who opens or closes the shift.</source>
        <translation>Who opens or closes the shift.</translation>
    </message>
    <message>
        <source>With cash: yuan put into the drawer.</source>
        <translation>With cash: yuan put into the drawer.</translation>
    </message>
    <message>
        <source>With cash: yuan taken out of the drawer.</source>
        <translation>With cash: yuan taken out of the drawer.</translation>
    </message>
    <message>
        <source>With cash: why.</source>
        <translation>With cash: why.</translation>
    </message>
    <message>
        <source>With close: the drawer counted by denomination, e.g. 100x3,50x2,1x7,0.5x2.</source>
        <translation>With close: the drawer counted by denomination, e.g. 100x3,50x2,1x7,0.5x2.</translation>
    </message>
    <message>
        <source>Print the shift as one JSON object.</source>
        <translation>Print the shift as one JSON object.</translation>
    </message>
    <message>
        <source>shift open needs --float YUAN (0 for none).</source>
        <translation>shift open needs --float YUAN (0 for none).</translation>
    </message>
    <message>
        <source>shift cash needs --in YUAN or --out YUAN, and --reason.</source>
        <translation>shift cash needs --in YUAN or --out YUAN, and --reason.</translation>
    </message>
    <message>
        <source>shift close needs --count, the drawer counted by denomination (blind: before the till says what it expects).</source>
        <translation>shift close needs --count, the drawer counted by denomination (blind: before the till says what it expects).</translation>
    </message>
    <message>
        <source>unknown shift action &quot;%1&quot; (open, cash, close, status)</source>
        <translation>unknown shift action &quot;%1&quot; (open, cash, close, status)</translation>
    </message>
    <message>
        <source>No shift is open.</source>
        <translation>No shift is open.</translation>
    </message>
    <message>
        <source>x (any time) or z (closes the business day, once).</source>
        <translation>x (any time) or z (closes the business day, once).</translation>
    </message>
    <message>
        <source>The business day, YYYY-MM-DD (today by default).</source>
        <translation>The business day, YYYY-MM-DD (today by default).</translation>
    </message>
    <message>
        <source>With z: show the Z report already made.</source>
        <translation>With z: show the Z report already made.</translation>
    </message>
    <message>
        <source>Print the report as one JSON object.</source>
        <translation>Print the report as one JSON object.</translation>
    </message>
    <message>
        <source>report needs x or z, not &quot;%1&quot;</source>
        <translation>report needs x or z, not &quot;%1&quot;</translation>
    </message>
    <message>
        <source>There is no Z report for %1 yet.</source>
        <translation>There is no Z report for %1 yet.</translation>
    </message>
    <message>
        <source>With add: the person&apos;s name.</source>
        <translation>With add: the person&apos;s name.</translation>
    </message>
    <message>
        <source>With add: cashier, guide or manager.</source>
        <translation>With add: cashier, guide or manager.</translation>
    </message>
    <message>
        <source>One JSON object per person.</source>
        <translation>One JSON object per person.</translation>
    </message>
    <message>
        <source>--role is cashier, guide or manager</source>
        <translation>--role is cashier, guide or manager</translation>
    </message>
    <message>
        <source>a PIN is needed (--pin, or --pin - to type it)</source>
        <translation>a PIN is needed (--pin, or --pin - to type it)</translation>
    </message>
    <message>
        <source>PIN right: %1 (%2)</source>
        <translation>PIN right: %1 (%2)</translation>
    </message>
    <message>
        <source>How many entries, newest first (default 50).</source>
        <translation>How many entries, newest first (default 50).</translation>
    </message>
    <message>
        <source>One JSON object per entry.</source>
        <translation>One JSON object per entry.</translation>
    </message>
    <message>
        <source>--limit is a number from 1</source>
        <translation>--limit is a number from 1</translation>
    </message>
    <message>
        <source>approved by %1</source>
        <translation>approved by %1</translation>
    </message>
    <message>
        <source>Also print it on the receipt printer (or --printer URI).</source>
        <translation>Also print it on the receipt printer (or --printer URI).</translation>
    </message>
    <message>
        <source>With --print: where, e.g. png:z.png or tcp://192.168.1.87.</source>
        <translation>With --print: where, e.g. png:z.png or tcp://192.168.1.87.</translation>
    </message>
    <message>
        <source>set KEY VALUE, or nothing to list.</source>
        <translation>set KEY VALUE, or nothing to list.</translation>
    </message>
    <message>
        <source>With set: who changes it (a manager&apos;s id).</source>
        <translation>With set: who changes it (a manager&apos;s id).</translation>
    </message>
    <message>
        <source>Their PIN; - reads it from standard input.</source>
        <translation>Their PIN; - reads it from standard input.</translation>
    </message>
    <message>
        <source>One JSON object per setting.</source>
        <translation>One JSON object per setting.</translation>
    </message>
    <message>
        <source>use: posctl settings [set KEY VALUE --as ID --pin P]</source>
        <translation>use: posctl settings [set KEY VALUE --as ID --pin P]</translation>
    </message>
    <message>
        <source>changing a setting needs --as ID --pin P of someone who may</source>
        <translation>changing a setting needs --as ID --pin P of someone who may</translation>
    </message>
    <message>
        <source>A manager decided: open the path again (a restored backup, or a new database).</source>
        <translation>A manager decided: open the path again (a restored backup, or a new database).</translation>
    </message>
    <message>
        <source>The database %1 is not set aside.</source>
        <translation>The database %1 is not set aside.</translation>
    </message>
    <message>
        <source>   Cashier: %1</source>
        <translation>   Cashier: %1</translation>
    </message>
    <message>
        <source>The staff member ringing it up (recorded on the order).</source>
        <translation>The staff member ringing it up (recorded on the order).</translation>
    </message>
    <message>
        <source>--cashier needs a staff id</source>
        <translation>--cashier needs a staff id</translation>
    </message>
    <message>
        <source>(decided)</source>
        <translation>(decided)</translation>
    </message>
    <message>
        <source>(waiting for a manager&apos;s decision)</source>
        <translation>(waiting for a manager&apos;s decision)</translation>
    </message>
    <message>
        <source>Cleared: the till opens %1 again (a new database if there is none). The set-aside files stay where they are.</source>
        <translation>Cleared: the till opens %1 again (a new database if there is none). The set-aside files stay where they are.</translation>
    </message>
    <message>
        <source>unknown option &quot;%1&quot; (see posctl --help)</source>
        <translation>unknown option &quot;%1&quot; (see posctl --help)</translation>
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
        <translation>Usage: posctl [--db PATH] COMMAND [OPTIONS]

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
Exit status: 0 done, 1 the till could not do it (database, disk), 2 bad input (nothing written).</translation>
    </message>
    <message>
        <source>disabled by %1 at %2</source>
        <translation>disabled by %1 at %2</translation>
    </message>
    <message>
        <source>removed by %1 at %2</source>
        <translation>removed by %1 at %2</translation>
    </message>
    <message>
        <source>add ID, check ID, disable ID, enable ID, remove ID, or nothing to list.</source>
        <translation>add ID, check ID, disable ID, enable ID, remove ID, or nothing to list.</translation>
    </message>
    <message>
        <source>With disable, enable, remove: the manager doing it.</source>
        <translation>With disable, enable, remove: the manager doing it.</translation>
    </message>
    <message>
        <source>4 to 6 digits (with disable, enable, remove: the manager&apos;s); - reads it from standard input.</source>
        <translation>4 to 6 digits (with disable, enable, remove: the manager&apos;s); - reads it from standard input.</translation>
    </message>
    <message>
        <source>use: posctl staff [add ID --name N --role R --pin P | check ID --pin P | disable|enable|remove ID --as MANAGER --pin P]</source>
        <translation>use: posctl staff [add ID --name N --role R --pin P | check ID --pin P | disable|enable|remove ID --as MANAGER --pin P]</translation>
    </message>
    <message>
        <source>%1 needs a manager: --as ID --pin P (or --pin - to type it)</source>
        <translation>%1 needs a manager: --as ID --pin P (or --pin - to type it)</translation>
    </message>
    <message>
        <source>First put the events HQ refused back in the queue (after HQ was fixed), and try the changes from HQ that could not be applied again.</source>
        <translation>First put the events HQ refused back in the queue (after HQ was fixed), and try the changes from HQ that could not be applied again.</translation>
    </message>
    <message numerus="yes">
        <source>%n parked change(s) from HQ applied now</source>
        <translation>
            <numerusform>%n parked change from HQ applied now</numerusform>
            <numerusform>%n parked changes from HQ applied now</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n still parked.</source>
        <translation>
            <numerusform>%n still parked.</numerusform>
            <numerusform>%n still parked.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) from HQ could not be applied and were parked (see posctl sync-status).</source>
        <translation>
            <numerusform>%n change from HQ could not be applied and was parked (see posctl sync-status).</numerusform>
            <numerusform>%n changes from HQ could not be applied and were parked (see posctl sync-status).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrintQueue</name>
    <message>
        <source>The paper width must be 58 or 80 mm.</source>
        <translation>The paper width must be 58 or 80 mm.</translation>
    </message>
    <message>
        <source>There is no printer profile &quot;%1&quot;.</source>
        <translation>There is no printer profile &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>There is no sale or refund numbered &quot;%1&quot;.</source>
        <translation>There is no sale or refund numbered &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>There is no refund numbered &quot;%1&quot;.</source>
        <translation>There is no refund numbered &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>There is no print job %1.</source>
        <translation>There is no print job %1.</translation>
    </message>
    <message>
        <source>%1 has already printed; print a copy instead.</source>
        <translation>%1 has already printed; print a copy instead.</translation>
    </message>
    <message>
        <source>%1 is printing right now.</source>
        <translation>%1 is printing right now.</translation>
    </message>
    <message>
        <source>%1 can no longer be cancelled.</source>
        <translation>%1 can no longer be cancelled.</translation>
    </message>
    <message>
        <source>No receipt printer is set up: choose one in the settings, then retry.</source>
        <translation>No receipt printer is set up: choose one in the settings, then retry.</translation>
    </message>
    <message>
        <source>Printing was cut off (the till stopped); part of it may have printed. Retry it, or print a copy.</source>
        <translation>Printing was cut off (the till stopped); part of it may have printed. Retry it, or print a copy.</translation>
    </message>
    <message>
        <source>No receipt printer is set up, so the drawer can&apos;t be opened.</source>
        <translation>No receipt printer is set up, so the drawer can&apos;t be opened.</translation>
    </message>
    <message>
        <source>The drawer did not open: %1</source>
        <translation>The drawer did not open: %1</translation>
    </message>
    <message>
        <source>Refund receipt %1</source>
        <translation>Refund receipt %1</translation>
    </message>
    <message>
        <source>Receipt %1</source>
        <translation>Receipt %1</translation>
    </message>
    <message>
        <source>%1 (copy %2)</source>
        <translation>%1 (copy %2)</translation>
    </message>
    <message>
        <source>There is no Z report for %1.</source>
        <translation>There is no Z report for %1.</translation>
    </message>
    <message>
        <source>That is not a date.</source>
        <translation>That is not a date.</translation>
    </message>
    <message>
        <source>Z report %1</source>
        <translation>Z report %1</translation>
    </message>
    <message>
        <source>X report %1</source>
        <translation>X report %1</translation>
    </message>
</context>
<context>
    <name>Printer</name>
    <message>
        <source>the printer reports: %1</source>
        <translation>the printer reports: %1</translation>
    </message>
    <message>
        <source>Test page</source>
        <translation>Test page</translation>
    </message>
    <message>
        <source>Address: %1</source>
        <translation>Address: %1</translation>
    </message>
    <message>
        <source>Profile %1 · %2 mm · %3 dots · %4 columns</source>
        <translation>Profile %1 · %2 mm · %3 dots · %4 columns</translation>
    </message>
</context>
<context>
    <name>PrinterStatus</name>
    <message>
        <source>status unknown (the printer did not answer)</source>
        <translation>status unknown (the printer did not answer)</translation>
    </message>
    <message>
        <source>paper out</source>
        <translation>paper out</translation>
    </message>
    <message>
        <source>cover open</source>
        <translation>cover open</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>cutter error</source>
        <translation>cutter error</translation>
    </message>
    <message>
        <source>printer error</source>
        <translation>printer error</translation>
    </message>
    <message>
        <source>paper nearly out</source>
        <translation>paper nearly out</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>ready</translation>
    </message>
</context>
<context>
    <name>PrinterUri</name>
    <message>
        <source>&quot;%1&quot; is not a printer address (usb://…, tcp://…, file:…, serial:…, png:…)</source>
        <translation>&quot;%1&quot; is not a printer address (usb://…, tcp://…, file:…, serial:…, png:…)</translation>
    </message>
    <message>
        <source>a USB printer is usb://VID:PID or usb://auto</source>
        <translation>a USB printer is usb://VID:PID or usb://auto</translation>
    </message>
    <message>
        <source>a USB printer is usb://VID:PID with four hex digits each, e.g. usb://0416:5011</source>
        <translation>a USB printer is usb://VID:PID with four hex digits each, e.g. usb://0416:5011</translation>
    </message>
    <message>
        <source>a network printer is tcp://HOST or tcp://HOST:PORT</source>
        <translation>a network printer is tcp://HOST or tcp://HOST:PORT</translation>
    </message>
    <message>
        <source>the port must be 1–65535</source>
        <translation>the port must be 1–65535</translation>
    </message>
    <message>
        <source>%1: needs a path</source>
        <translation>%1: needs a path</translation>
    </message>
    <message>
        <source>baud must be a rate such as 9600, 19200, 38400 or 115200</source>
        <translation>baud must be a rate such as 9600, 19200, 38400 or 115200</translation>
    </message>
    <message>
        <source>unknown printer address &quot;%1&quot; (usb://…, tcp://…, file:…, serial:…, png:…)</source>
        <translation>unknown printer address &quot;%1&quot; (usb://…, tcp://…, file:…, serial:…, png:…)</translation>
    </message>
</context>
<context>
    <name>PrivateFiles</name>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Cannot create the folder %1.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1: %2</source>
        <translation>Cannot create the folder %1: %2</translation>
    </message>
    <message>
        <source>Cannot create %1: %2</source>
        <translation>Cannot create %1: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Cannot open %1: %2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Cannot read %1: %2</translation>
    </message>
</context>
<context>
    <name>Quarantine</name>
    <message>
        <source>The database %1 was set aside as damaged, and its note %2 is empty. The till will not sell on this path until a manager decides: posctl quarantine shows what is set aside.</source>
        <translation>The database %1 was set aside as damaged, and its note %2 is empty. The till will not sell on this path until a manager decides: posctl quarantine shows what is set aside.</translation>
    </message>
    <message>
        <source>%1 lies here without its database %2. The till will not start a new database over it: a manager decides with posctl quarantine --clear, which sets it aside.</source>
        <translation>%1 lies here without its database %2. The till will not start a new database over it: a manager decides with posctl quarantine --clear, which sets it aside.</translation>
    </message>
    <message>
        <source>The database %1 is missing, and %2 set aside as damaged lies beside it. The till will not start a new, empty database here until a manager decides: restore a backup to %1, or start a new database with posctl quarantine --clear.</source>
        <translation>The database %1 is missing, and %2 set aside as damaged lies beside it. The till will not start a new, empty database here until a manager decides: restore a backup to %1, or start a new database with posctl quarantine --clear.</translation>
    </message>
    <message>
        <source>The database %1 failed its check at start (%2). It was moved to %3 — nothing was deleted. The till will not sell until a manager decides: restore a backup to %1, or start a new database with: posctl quarantine --clear</source>
        <translation>The database %1 failed its check at start (%2). It was moved to %3 — nothing was deleted. The till will not sell until a manager decides: restore a backup to %1, or start a new database with: posctl quarantine --clear</translation>
    </message>
    <message>
        <source>The database %1 failed its check (%2), and the note that sets it aside could not be written (%3), so it was left where it is. The till will not sell on it: free some space and start again, or call support.</source>
        <translation>The database %1 failed its check (%2), and the note that sets it aside could not be written (%3), so it was left where it is. The till will not sell on it: free some space and start again, or call support.</translation>
    </message>
    <message>
        <source>The database %1 failed its check (%2) and could not be moved aside: the till will not sell on it. Call support.</source>
        <translation>The database %1 failed its check (%2) and could not be moved aside: the till will not sell on it. Call support.</translation>
    </message>
    <message>
        <source>(%1 could not be moved with it.)</source>
        <translation>(%1 could not be moved with it.)</translation>
    </message>
    <message>
        <source>Cannot move %1 aside.</source>
        <translation>Cannot move %1 aside.</translation>
    </message>
    <message>
        <source>Cannot remove %1.</source>
        <translation>Cannot remove %1.</translation>
    </message>
</context>
<context>
    <name>ReceiptLayout</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>*** COPY ***</source>
        <translation>*** COPY ***</translation>
    </message>
    <message>
        <source>Tel %1</source>
        <translation>Tel %1</translation>
    </message>
    <message>
        <source>Thank you, see you again!</source>
        <translation>Thank you, see you again!</translation>
    </message>
    <message>
        <source>Sales receipt</source>
        <translation>Sales receipt</translation>
    </message>
    <message>
        <source>Order: %1</source>
        <translation>Order: %1</translation>
    </message>
    <message>
        <source>Time: %1   Till: %2</source>
        <translation>Time: %1   Till: %2</translation>
    </message>
    <message>
        <source>Served by: %1</source>
        <translation>Served by: %1</translation>
    </message>
    <message>
        <source>Exclusive guide: %1</source>
        <translation>Exclusive guide: %1</translation>
    </message>
    <message>
        <source>Member: %1 %2</source>
        <translation>Member: %1 %2</translation>
    </message>
    <message>
        <source>  discount</source>
        <translation>  discount</translation>
    </message>
    <message>
        <source>Items %1</source>
        <translation>Items %1</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Discount</translation>
    </message>
    <message>
        <source>TOTAL</source>
        <translation>TOTAL</translation>
    </message>
    <message>
        <source>  ref %1</source>
        <translation>  ref %1</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Scan for returns and exchanges</source>
        <translation>Scan for returns and exchanges</translation>
    </message>
    <message>
        <source>Scan to add %1 as your personal shopping guide</source>
        <translation>Scan to add %1 as your personal shopping guide</translation>
    </message>
    <message>
        <source>REFUND</source>
        <translation>REFUND</translation>
    </message>
    <message>
        <source>Refund: %1</source>
        <translation>Refund: %1</translation>
    </message>
    <message>
        <source>Of order: %1</source>
        <translation>Of order: %1</translation>
    </message>
    <message>
        <source>REFUNDED</source>
        <translation>REFUNDED</translation>
    </message>
    <message>
        <source>Back to %1</source>
        <translation>Back to %1</translation>
    </message>
    <message>
        <source>Time: %1</source>
        <translation>Time: %1</translation>
    </message>
    <message>
        <source>Till: %1</source>
        <translation>Till: %1</translation>
    </message>
    <message>
        <source>Z report %1</source>
        <translation>Z report %1</translation>
    </message>
    <message>
        <source>X report</source>
        <translation>X report</translation>
    </message>
    <message>
        <source>Business day %1, till %2</source>
        <translation>Business day %1, till %2</translation>
    </message>
    <message>
        <source>Made %1</source>
        <translation>Made %1</translation>
    </message>
    <message>
        <source>Sales %1 (%2 orders)</source>
        <translation>Sales %1 (%2 orders)</translation>
    </message>
    <message>
        <source>Discounts %1</source>
        <translation>Discounts %1</translation>
    </message>
    <message>
        <source>Refunds %1 (%2)</source>
        <translation>Refunds %1 (%2)</translation>
    </message>
    <message>
        <source>Net %1</source>
        <translation>Net %1</translation>
    </message>
    <message>
        <source>%1: in %2, back %3, net %4</source>
        <translation>%1: in %2, back %3, net %4</translation>
    </message>
    <message>
        <source>%1: %2 (refunds %3)</source>
        <translation>%1: %2 (refunds %3)</translation>
    </message>
    <message>
        <source>New members %1</source>
        <translation>New members %1</translation>
    </message>
    <message>
        <source>Waiting for HQ %1</source>
        <translation>Waiting for HQ %1</translation>
    </message>
    <message>
        <source>Shift %1: float %2, expected %3</source>
        <translation>Shift %1: float %2, expected %3</translation>
    </message>
    <message>
        <source>Counted %1, difference %2</source>
        <translation>Counted %1, difference %2</translation>
    </message>
    <message>
        <source>Cashier: %1</source>
        <translation>Cashier: %1</translation>
    </message>
</context>
<context>
    <name>RefundPlanner</name>
    <message>
        <source>Order %1 has already been refunded in full.</source>
        <translation>Order %1 has already been refunded in full.</translation>
    </message>
    <message>
        <source>Order %1 has no line %2.</source>
        <translation>Order %1 has no line %2.</translation>
    </message>
    <message>
        <source>Refund quantities must be at least 1.</source>
        <translation>Refund quantities must be at least 1.</translation>
    </message>
    <message>
        <source>%1 (%2) on order %3 has already been refunded.</source>
        <translation>%1 (%2) on order %3 has already been refunded.</translation>
    </message>
    <message>
        <source>Only %1 of %2 (%3) can still be refunded on order %4; %5 already were.</source>
        <translation>Only %1 of %2 (%3) can still be refunded on order %4; %5 already were.</translation>
    </message>
    <message>
        <source>A refund of %1 would exceed what was paid for order %2 (%3, %4 already refunded).</source>
        <translation>A refund of %1 would exceed what was paid for order %2 (%3, %4 already refunded).</translation>
    </message>
    <message>
        <source>The original payments of order %1 can&apos;t cover a refund of %2.</source>
        <translation>The original payments of order %1 can&apos;t cover a refund of %2.</translation>
    </message>
</context>
<context>
    <name>RefundService</name>
    <message>
        <source>Scan the receipt&apos;s code or type the order number.</source>
        <translation>Scan the receipt&apos;s code or type the order number.</translation>
    </message>
    <message>
        <source>No sale with number %1 on this till.</source>
        <translation>No sale with number %1 on this till.</translation>
    </message>
    <message>
        <source>Refund quantities must be at least 1.</source>
        <translation>Refund quantities must be at least 1.</translation>
    </message>
    <message>
        <source>%1 is not on order %2.</source>
        <translation>%1 is not on order %2.</translation>
    </message>
    <message>
        <source>%1 on order %2 has already been refunded.</source>
        <translation>%1 on order %2 has already been refunded.</translation>
    </message>
    <message>
        <source>Only %1 of %2 can still be refunded on order %3.</source>
        <translation>Only %1 of %2 can still be refunded on order %3.</translation>
    </message>
    <message>
        <source>The refund was not saved: %1</source>
        <translation>The refund was not saved: %1</translation>
    </message>
</context>
<context>
    <name>SaleSession</name>
    <message>
        <source>Finish or hold the current sale first.</source>
        <translation>Finish or hold the current sale first.</translation>
    </message>
    <message>
        <source>A member needs an 11-digit mobile number starting with 1.</source>
        <translation>A member needs an 11-digit mobile number starting with 1.</translation>
    </message>
    <message>
        <source>%1 is already a member.</source>
        <translation>%1 is already a member.</translation>
    </message>
    <message>
        <source>Scan the items first.</source>
        <translation>Scan the items first.</translation>
    </message>
    <message>
        <source>The till can&apos;t save a sale now, so don&apos;t take the money: %1</source>
        <translation>The till can&apos;t save a sale now, so don&apos;t take the money: %1</translation>
    </message>
    <message>
        <source>No free member number was found; try again.</source>
        <translation>No free member number was found; try again.</translation>
    </message>
</context>
<context>
    <name>ScanService</name>
    <message>
        <source>A weighted-code layout is PREFIXES:ITEM:VALUE:price|weight with ITEM + VALUE = 10 digits, e.g. 20-29:5:5:price; not &quot;%1&quot;.</source>
        <translation>A weighted-code layout is PREFIXES:ITEM:VALUE:price|weight with ITEM + VALUE = 10 digits, e.g. 20-29:5:5:price; not &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>%1 %2 kg</source>
        <translation>%1 %2 kg</translation>
    </message>
</context>
<context>
    <name>ScannerDevice</name>
    <message>
        <source>A scanner is serial:/dev/ttyACM0[?baud=9600], evdev:/dev/input/by-id/…-event-kbd or hidpos:auto (or hidpos:VID:PID, hidpos:/dev/hidraw0); not &quot;%1&quot;.</source>
        <translation>A scanner is serial:/dev/ttyACM0[?baud=9600], evdev:/dev/input/by-id/…-event-kbd or hidpos:auto (or hidpos:VID:PID, hidpos:/dev/hidraw0); not &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Scanner connected</source>
        <translation>Scanner connected</translation>
    </message>
    <message>
        <source>Scanner not connected: %1</source>
        <translation>Scanner not connected: %1</translation>
    </message>
</context>
<context>
    <name>SerialScanner</name>
    <message>
        <source>A serial scanner is serial:/dev/ttyACM0[?baud=9600], not &quot;%1&quot;.</source>
        <translation>A serial scanner is serial:/dev/ttyACM0[?baud=9600], not &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The serial scanner&apos;s device path is missing.</source>
        <translation>The serial scanner&apos;s device path is missing.</translation>
    </message>
    <message>
        <source>Bad baud rate &quot;%1&quot;.</source>
        <translation>Bad baud rate &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The scanner at %1 was unplugged.</source>
        <translation>The scanner at %1 was unplugged.</translation>
    </message>
    <message>
        <source>%1 bytes without an end of line from the scanner were dropped.</source>
        <translation>%1 bytes without an end of line from the scanner were dropped.</translation>
    </message>
</context>
<context>
    <name>SerialTransport</name>
    <message>
        <source>cannot open the serial port %1: %2</source>
        <translation>cannot open the serial port %1: %2</translation>
    </message>
    <message>
        <source>writing to %1 failed: %2</source>
        <translation>writing to %1 failed: %2</translation>
    </message>
    <message>
        <source>the printer on %1 stopped taking data (offline, or paper out?)</source>
        <translation>the printer on %1 stopped taking data (offline, or paper out?)</translation>
    </message>
</context>
<context>
    <name>SettingsService</name>
    <message>
        <source>Receipt header: up to 4 lines under the store&apos;s name.</source>
        <translation>Receipt header: up to 4 lines under the store&apos;s name.</translation>
    </message>
    <message>
        <source>Receipt footer: up to 4 lines instead of the thank-you line.</source>
        <translation>Receipt footer: up to 4 lines instead of the thank-you line.</translation>
    </message>
    <message>
        <source>Language of the screens: zh_CN, en, or empty for the system&apos;s (after a restart).</source>
        <translation>Language of the screens: zh_CN, en, or empty for the system&apos;s (after a restart).</translation>
    </message>
    <message>
        <source>Minutes without a touch before the till locks itself (0: never).</source>
        <translation>Minutes without a touch before the till locks itself (0: never).</translation>
    </message>
    <message>
        <source>Largest discount, in percent, a cashier may give without a manager.</source>
        <translation>Largest discount, in percent, a cashier may give without a manager.</translation>
    </message>
    <message>
        <source>Receipt printer address (usb:auto, tcp://HOST, serial:/dev/ttyUSB0…).</source>
        <translation>Receipt printer address (usb:auto, tcp://HOST, serial:/dev/ttyUSB0…).</translation>
    </message>
    <message>
        <source>Scanner besides the keyboard wedge (serial:…, evdev:…, hidpos:auto).</source>
        <translation>Scanner besides the keyboard wedge (serial:…, evdev:…, hidpos:auto).</translation>
    </message>
    <message>
        <source>How the keyboard wedge tells a scanner from a person (gap=35,min=4,…).</source>
        <translation>How the keyboard wedge tells a scanner from a person (gap=35,min=4,…).</translation>
    </message>
    <message>
        <source>There is no setting &quot;%1&quot; to change here.</source>
        <translation>There is no setting &quot;%1&quot; to change here.</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>At most %1 lines fit there.</source>
        <translation>At most %1 lines fit there.</translation>
    </message>
    <message>
        <source>A line is too long for the receipt (at most %1 characters): %2</source>
        <translation>A line is too long for the receipt (at most %1 characters): %2</translation>
    </message>
    <message>
        <source>The language is zh_CN or en (or empty for the system&apos;s).</source>
        <translation>The language is zh_CN or en (or empty for the system&apos;s).</translation>
    </message>
    <message>
        <source>The idle lock is a number of minutes from 0 to 240.</source>
        <translation>The idle lock is a number of minutes from 0 to 240.</translation>
    </message>
    <message>
        <source>The discount limit is a percentage from 0 to 100.</source>
        <translation>The discount limit is a percentage from 0 to 100.</translation>
    </message>
    <message>
        <source>A receipt line can&apos;t hold control characters: &quot;%1&quot;</source>
        <translation>A receipt line can&apos;t hold control characters: &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>ShiftService</name>
    <message>
        <source>The opening float can&apos;t be negative.</source>
        <translation>The opening float can&apos;t be negative.</translation>
    </message>
    <message>
        <source>Shift %1 is still open (since %2): close it first.</source>
        <translation>Shift %1 is still open (since %2): close it first.</translation>
    </message>
    <message>
        <source>No shift is open: open one first.</source>
        <translation>No shift is open: open one first.</translation>
    </message>
    <message>
        <source>Cash in or out needs an amount.</source>
        <translation>Cash in or out needs an amount.</translation>
    </message>
    <message>
        <source>Cash in or out needs a reason.</source>
        <translation>Cash in or out needs a reason.</translation>
    </message>
    <message>
        <source>Count the drawer as NOTExCOUNT, e.g. 100x3,50x2,10x4,1x7,0.5x2 (notes and coins of 100, 50, 20, 10, 5, 1, 0.5, 0.1 yuan); &quot;%1&quot; is not one.</source>
        <translation>Count the drawer as NOTExCOUNT, e.g. 100x3,50x2,10x4,1x7,0.5x2 (notes and coins of 100, 50, 20, 10, 5, 1, 0.5, 0.1 yuan); &quot;%1&quot; is not one.</translation>
    </message>
    <message>
        <source>No shift is open.</source>
        <translation>No shift is open.</translation>
    </message>
    <message>
        <source>The Z report of %1 was made already (Z%2): reprint it, it can&apos;t be redone.</source>
        <translation>The Z report of %1 was made already (Z%2): reprint it, it can&apos;t be redone.</translation>
    </message>
    <message>
        <source>Shift %1 is still open: count the drawer and close it before the Z report.</source>
        <translation>Shift %1 is still open: count the drawer and close it before the Z report.</translation>
    </message>
    <message>
        <source>The drawer should hold only %1: that much can&apos;t come out of it.</source>
        <translation>The drawer should hold only %1: that much can&apos;t come out of it.</translation>
    </message>
</context>
<context>
    <name>StaffService</name>
    <message>
        <source>The PIN pepper %1 is damaged.</source>
        <translation>The PIN pepper %1 is damaged.</translation>
    </message>
    <message>
        <source>Staff need an id (letters and digits, like E01) and a name.</source>
        <translation>Staff need an id (letters and digits, like E01) and a name.</translation>
    </message>
    <message>
        <source>A PIN is 4 to 6 digits.</source>
        <translation>A PIN is 4 to 6 digits.</translation>
    </message>
    <message>
        <source>The PIN could not be hashed.</source>
        <translation>The PIN could not be hashed.</translation>
    </message>
    <message>
        <source>Wrong staff id or PIN.</source>
        <translation>Wrong staff id or PIN.</translation>
    </message>
    <message>
        <source>%1 is locked out after %2 wrong PINs; try again after %3.</source>
        <translation>%1 is locked out after %2 wrong PINs; try again after %3.</translation>
    </message>
    <message>
        <source>Nobody with id %1 works here.</source>
        <translation>Nobody with id %1 works here.</translation>
    </message>
    <message>
        <source>%1 may not do this (%2): a manager&apos;s PIN is needed.</source>
        <translation>%1 may not do this (%2): a manager&apos;s PIN is needed.</translation>
    </message>
    <message>
        <source>%1 is not a manager and can&apos;t approve this.</source>
        <translation>%1 is not a manager and can&apos;t approve this.</translation>
    </message>
    <message>
        <source>Cannot read the PIN pepper: %1</source>
        <translation>Cannot read the PIN pepper: %1</translation>
    </message>
    <message>
        <source>The PIN pepper %1 is missing, so no PIN kept in the database can be checked. Restore it from a backup, or set each PIN again (posctl staff add).</source>
        <translation>The PIN pepper %1 is missing, so no PIN kept in the database can be checked. Restore it from a backup, or set each PIN again (posctl staff add).</translation>
    </message>
    <message>
        <source>%1 was removed for good: to have them back, add them again with a new PIN (posctl staff add %2 …).</source>
        <translation>%1 was removed for good: to have them back, add them again with a new PIN (posctl staff add %2 …).</translation>
    </message>
    <message>
        <source>%1 is the last active manager here: enable or add another manager first (a till with staff and no manager could approve nothing).</source>
        <translation>%1 is the last active manager here: enable or add another manager first (a till with staff and no manager could approve nothing).</translation>
    </message>
    <message>
        <source>%1 no longer works at this till: sign in again.</source>
        <translation>%1 no longer works at this till: sign in again.</translation>
    </message>
    <message>
        <source>%1 was removed from this till: sign in again.</source>
        <translation>%1 was removed from this till: sign in again.</translation>
    </message>
    <message>
        <source>%1 left the company (HQ): they can no longer work at this till.</source>
        <translation>%1 left the company (HQ): they can no longer work at this till.</translation>
    </message>
    <message>
        <source>%1 was disabled by a manager: sign in again.</source>
        <translation>%1 was disabled by a manager: sign in again.</translation>
    </message>
    <message>
        <source>departed at HQ %1</source>
        <translation>departed at HQ %1</translation>
    </message>
</context>
<context>
    <name>SyncService</name>
    <message>
        <source>HQ&apos;s address is https://HOST[:PORT], not &quot;%1&quot; (the till talks to HQ over TLS only).</source>
        <translation>HQ&apos;s address is https://HOST[:PORT], not &quot;%1&quot; (the till talks to HQ over TLS only).</translation>
    </message>
    <message>
        <source>The CA file holds no PEM certificate: give the chain&apos;s CA certificate.</source>
        <translation>The CA file holds no PEM certificate: give the chain&apos;s CA certificate.</translation>
    </message>
    <message>
        <source>This till is not set up for a store yet (run posctl init --demo).</source>
        <translation>This till is not set up for a store yet (run posctl init --demo).</translation>
    </message>
    <message>
        <source>HQ refused the code: %1</source>
        <translation>HQ refused the code: %1</translation>
    </message>
    <message>
        <source>The code is for till %1/%2, but this is %3/%4: ask HQ for this till&apos;s code.</source>
        <translation>The code is for till %1/%2, but this is %3/%4: ask HQ for this till&apos;s code.</translation>
    </message>
    <message>
        <source>HQ&apos;s answer holds no usable secret.</source>
        <translation>HQ&apos;s answer holds no usable secret.</translation>
    </message>
    <message>
        <source>HQ&apos;s certificate is not the chain&apos;s (TLS: %1).</source>
        <translation>HQ&apos;s certificate is not the chain&apos;s (TLS: %1).</translation>
    </message>
    <message>
        <source>HQ cannot be reached: %1</source>
        <translation>HQ cannot be reached: %1</translation>
    </message>
    <message>
        <source>This till&apos;s clock is %1 s off HQ&apos;s: set the clock right.</source>
        <translation>This till&apos;s clock is %1 s off HQ&apos;s: set the clock right.</translation>
    </message>
    <message>
        <source>HQ does not know this till (not enrolled, or revoked): enrol it again.</source>
        <translation>HQ does not know this till (not enrolled, or revoked): enrol it again.</translation>
    </message>
    <message>
        <source>HQ refused this till&apos;s signature: enrol it again.</source>
        <translation>HQ refused this till&apos;s signature: enrol it again.</translation>
    </message>
    <message>
        <source>HQ is busy (HTTP %1); trying again in %2 s.</source>
        <translation>HQ is busy (HTTP %1); trying again in %2 s.</translation>
    </message>
    <message>
        <source>HQ answered %1: %2</source>
        <translation>HQ answered %1: %2</translation>
    </message>
    <message>
        <source>This till is not enrolled with HQ (posctl enroll URL CODE --ca CA.pem).</source>
        <translation>This till is not enrolled with HQ (posctl enroll URL CODE --ca CA.pem).</translation>
    </message>
    <message>
        <source>HQ&apos;s answer acknowledged none of the events sent.</source>
        <translation>HQ&apos;s answer acknowledged none of the events sent.</translation>
    </message>
    <message>
        <source>Online order %1, credited by HQ.</source>
        <translation>Online order %1, credited by HQ.</translation>
    </message>
    <message>
        <source>a product without a SKU</source>
        <translation>a product without a SKU</translation>
    </message>
    <message>
        <source>Adjusted by HQ, which knows more than this till did at the sale (e.g. a binding made at another store): %1 for order %2.</source>
        <translation>Adjusted by HQ, which knows more than this till did at the sale (e.g. a binding made at another store): %1 for order %2.</translation>
    </message>
    <message>
        <source>Not enrolled with HQ: the till sells offline and keeps everything for HQ (posctl enroll URL CODE --ca CA.pem).</source>
        <translation>Not enrolled with HQ: the till sells offline and keeps everything for HQ (posctl enroll URL CODE --ca CA.pem).</translation>
    </message>
    <message>
        <source>Online with %1</source>
        <translation>Online with %1</translation>
    </message>
    <message>
        <source>Offline from %1 — selling normally</source>
        <translation>Offline from %1 — selling normally</translation>
    </message>
    <message>
        <source>Waiting for HQ: %1</source>
        <translation>Waiting for HQ: %1</translation>
    </message>
    <message>
        <source>(oldest %1)</source>
        <translation>(oldest %1)</translation>
    </message>
    <message>
        <source>Refused by HQ and kept: %1 (posctl sync --retry-parked once HQ is fixed)</source>
        <translation>Refused by HQ and kept: %1 (posctl sync --retry-parked once HQ is fixed)</translation>
    </message>
    <message>
        <source>Last reached HQ: %1</source>
        <translation>Last reached HQ: %1</translation>
    </message>
    <message>
        <source>Last problem: %1</source>
        <translation>Last problem: %1</translation>
    </message>
    <message>
        <source>This till&apos;s clock is %1 s off HQ&apos;s.</source>
        <translation>This till&apos;s clock is %1 s off HQ&apos;s.</translation>
    </message>
    <message>
        <source>The till&apos;s HQ secret %1 cannot be read: %2</source>
        <translation>The till&apos;s HQ secret %1 cannot be read: %2</translation>
    </message>
    <message>
        <source>(tried again after each pull; posctl sync --retry-parked)</source>
        <translation>(tried again after each pull; posctl sync --retry-parked)</translation>
    </message>
    <message>
        <source>The changes from HQ could not be stored: %1</source>
        <translation>The changes from HQ could not be stored: %1</translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1 %2: %3</translation>
    </message>
    <message>
        <source>bound to guide %1, who is not known at this till</source>
        <translation>bound to guide %1, who is not known at this till</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) from HQ could not be applied: %1</source>
        <translation>
            <numerusform>%n change from HQ could not be applied: %1</numerusform>
            <numerusform>%n changes from HQ could not be applied: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TcpTransport</name>
    <message>
        <source>cannot reach the printer at %1:%2 (%3)</source>
        <translation>cannot reach the printer at %1:%2 (%3)</translation>
    </message>
    <message>
        <source>the printer at %1:%2 is not connected</source>
        <translation>the printer at %1:%2 is not connected</translation>
    </message>
    <message>
        <source>the printer at %1:%2 dropped the connection (%3)</source>
        <translation>the printer at %1:%2 dropped the connection (%3)</translation>
    </message>
    <message>
        <source>the printer at %1:%2 stopped taking data (%3)</source>
        <translation>the printer at %1:%2 stopped taking data (%3)</translation>
    </message>
    <message>
        <source>the printer at %1:%2 dropped the connection</source>
        <translation>the printer at %1:%2 dropped the connection</translation>
    </message>
    <message>
        <source>the printer at %1:%2 dropped the connection during the job</source>
        <translation>the printer at %1:%2 dropped the connection during the job</translation>
    </message>
</context>
<context>
    <name>Tendering</name>
    <message>
        <source>Cash</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation>Bank card</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>WeChat Pay</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>Alipay</translation>
    </message>
    <message>
        <source>Under-payment: %1 is still due.</source>
        <translation>Under-payment: %1 is still due.</translation>
    </message>
    <message>
        <source>The amount due cannot be negative.</source>
        <translation>The amount due cannot be negative.</translation>
    </message>
    <message>
        <source>%1 has nothing left to pay.</source>
        <translation>%1 has nothing left to pay.</translation>
    </message>
    <message>
        <source>A payment amount must be more than zero.</source>
        <translation>A payment amount must be more than zero.</translation>
    </message>
    <message>
        <source>%1 would pay %2 more than is due; only cash can be over-paid.</source>
        <translation>%1 would pay %2 more than is due; only cash can be over-paid.</translation>
    </message>
    <message>
        <source>A payment reference has at most %1 characters, not &quot;%2&quot;.</source>
        <translation>A payment reference has at most %1 characters, not &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>A payment reference is letters, digits and signs only (no control characters): &quot;%1&quot;.</source>
        <translation>A payment reference is letters, digits and signs only (no control characters): &quot;%1&quot;.</translation>
    </message>
</context>
<context>
    <name>Till</name>
    <message>
        <source>A store id and a terminal id are required.</source>
        <translation>A store id and a terminal id are required.</translation>
    </message>
    <message>
        <source>Unknown time zone: %1</source>
        <translation>Unknown time zone: %1</translation>
    </message>
</context>
<context>
    <name>TillLock</name>
    <message>
        <source>Cannot lock %1: %2</source>
        <translation>Cannot lock %1: %2</translation>
    </message>
    <message>
        <source>Another till (process %1) is already running on %2. Use that one, or close it first; posctl may run beside it.</source>
        <translation>Another till (process %1) is already running on %2. Use that one, or close it first; posctl may run beside it.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
</context>
<context>
    <name>UsbTransport</name>
    <message>
        <source>the printer is busy: another program (or the usblp driver) holds it</source>
        <translation>the printer is busy: another program (or the usblp driver) holds it</translation>
    </message>
    <message>
        <source>the printer is not connected (unplugged or switched off)</source>
        <translation>the printer is not connected (unplugged or switched off)</translation>
    </message>
    <message>
        <source>the printer stopped taking data (paper out, cover open, or offline)</source>
        <translation>the printer stopped taking data (paper out, cover open, or offline)</translation>
    </message>
    <message>
        <source>the printer refused the data (endpoint stalled)</source>
        <translation>the printer refused the data (endpoint stalled)</translation>
    </message>
    <message>
        <source>USB input/output error: check the cable</source>
        <translation>USB input/output error: check the cable</translation>
    </message>
    <message>
        <source>USB error: %1</source>
        <translation>USB error: %1</translation>
    </message>
    <message>
        <source>no USB receipt printer found</source>
        <translation>no USB receipt printer found</translation>
    </message>
    <message>
        <source>no USB printer %1 is connected</source>
        <translation>no USB printer %1 is connected</translation>
    </message>
    <message>
        <source>the printer is not open</source>
        <translation>the printer is not open</translation>
    </message>
    <message>
        <source>permission denied: install the till&apos;s udev rules (60-guide-pos.rules, in the package) or add the user to the lp group, then replug the printer</source>
        <translation>permission denied: install the till&apos;s udev rules (60-guide-pos.rules, in the package) or add the user to the lp group, then replug the printer</translation>
    </message>
</context>
<context>
    <name>WedgeSettings</name>
    <message>
        <source>gap is the longest pause between a scanner&apos;s keys, 5 to 200 ms; not &quot;%1&quot;.</source>
        <translation>gap is the longest pause between a scanner&apos;s keys, 5 to 200 ms; not &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>min is the shortest code, 1 to 64 characters; not &quot;%1&quot;.</source>
        <translation>min is the shortest code, 1 to 64 characters; not &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>tab is on or off (whether Tab ends a scan); not &quot;%1&quot;.</source>
        <translation>tab is on or off (whether Tab ends a scan); not &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>%1 is up to 8 printable characters; not &quot;%2&quot;.</source>
        <translation>%1 is up to 8 printable characters; not &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>Unknown wedge setting &quot;%1&quot; (gap, min, tab, prefix, suffix).</source>
        <translation>Unknown wedge setting &quot;%1&quot; (gap, min, tab, prefix, suffix).</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Guide-driven retail till</source>
        <translation>Guide-driven retail till</translation>
    </message>
    <message>
        <source>Database file.</source>
        <translation>Database file.</translation>
    </message>
    <message>
        <source>Language (zh_CN or en).</source>
        <translation>Language (zh_CN or en).</translation>
    </message>
    <message>
        <source>Save the first painted screen as PNG and exit.</source>
        <translation>Save the first painted screen as PNG and exit.</translation>
    </message>
    <message>
        <source>The till cannot start</source>
        <translation>The till cannot start</translation>
    </message>
    <message>
        <source>Full screen without window decorations; closing needs a manager&apos;s PIN.</source>
        <translation>Full screen without window decorations; closing needs a manager&apos;s PIN.</translation>
    </message>
    <message>
        <source>Print the start-up time and peak memory as JSON once the first screen is painted, then exit.</source>
        <translation>Print the start-up time and peak memory as JSON once the first screen is painted, then exit.</translation>
    </message>
</context>
<context>
    <name>pos::CameraScanDialog</name>
    <message>
        <source>Scan with the camera</source>
        <translation>Scan with the camera</translation>
    </message>
    <message>
        <source>Scan a picture…</source>
        <translation>Scan a picture…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>No camera found.</source>
        <translation>No camera found.</translation>
    </message>
    <message>
        <source>This till was built without camera support.</source>
        <translation>This till was built without camera support.</translation>
    </message>
    <message>
        <source>Scan a picture instead, or use the hand scanner.</source>
        <translation>Scan a picture instead, or use the hand scanner.</translation>
    </message>
    <message>
        <source>The camera stopped: %1</source>
        <translation>The camera stopped: %1</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>Starting the camera…</translation>
    </message>
    <message>
        <source>Hold the barcode or QR code up to the camera.</source>
        <translation>Hold the barcode or QR code up to the camera.</translation>
    </message>
    <message>
        <source>A picture with a barcode</source>
        <translation>A picture with a barcode</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</source>
        <translation>Pictures (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</translation>
    </message>
    <message>
        <source>Cannot read %1 as a picture: %2</source>
        <translation>Cannot read %1 as a picture: %2</translation>
    </message>
    <message>
        <source>No barcode found in %1.</source>
        <translation>No barcode found in %1.</translation>
    </message>
</context>
<context>
    <name>pos::CartModel</name>
    <message>
        <source>voided</source>
        <translation>voided</translation>
    </message>
    <message>
        <source>SKU %1, code %2</source>
        <translation>SKU %1, code %2</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Qty</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Discount</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
</context>
<context>
    <name>pos::GuideBar</name>
    <message>
        <source>%1 ★Exclusive</source>
        <translation>%1 ★Exclusive</translation>
    </message>
</context>
<context>
    <name>pos::GuideCreditsDialog</name>
    <message>
        <source>Why %1 was credited</source>
        <translation>Why %1 was credited</translation>
    </message>
    <message>
        <source>%1 — credits on %2</source>
        <translation>%1 — credits on %2</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Credit as</source>
        <translation>Credit as</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>%1 (refund of %2)</source>
        <translation>%1 (refund of %2)</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Store</translation>
    </message>
    <message>
        <source>Exclusive guide</source>
        <translation>Exclusive guide</translation>
    </message>
    <message>
        <source>Sales guide</source>
        <translation>Sales guide</translation>
    </message>
    <message>
        <source>No credits for this guide on this day.</source>
        <translation>No credits for this guide on this day.</translation>
    </message>
    <message>
        <source>Touch a credit to see why it went to this guide.</source>
        <translation>Touch a credit to see why it went to this guide.</translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation>Why: %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>pos::HeldSalesDialog</name>
    <message>
        <source>Held sales</source>
        <translation>Held sales</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message numerus="yes">
        <source>%1   %n item(s)   %2</source>
        <translation>
            <numerusform>%1   %n item   %2</numerusform>
            <numerusform>%1   %n items   %2</numerusform>
        </translation>
    </message>
    <message>
        <source>No sale is on hold.</source>
        <translation>No sale is on hold.</translation>
    </message>
</context>
<context>
    <name>pos::HqDialog</name>
    <message>
        <source>Headquarters</source>
        <translation>Headquarters</translation>
    </message>
    <message>
        <source>The one-time code from HQ (pos-hq enroll)</source>
        <translation>The one-time code from HQ (pos-hq enroll)</translation>
    </message>
    <message>
        <source>The chain&apos;s CA certificate (PEM file)</source>
        <translation>The chain&apos;s CA certificate (PEM file)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>HQ address</source>
        <translation>HQ address</translation>
    </message>
    <message>
        <source>Enrolment code</source>
        <translation>Enrolment code</translation>
    </message>
    <message>
        <source>Chain CA</source>
        <translation>Chain CA</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>Enrol</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Syncing… the status bar shows the outcome.</source>
        <translation>Syncing… the status bar shows the outcome.</translation>
    </message>
    <message>
        <source>The chain&apos;s CA certificate</source>
        <translation>The chain&apos;s CA certificate</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt)</source>
        <translation>Certificates (*.pem *.crt)</translation>
    </message>
    <message>
        <source>Cannot read the CA file %1.</source>
        <translation>Cannot read the CA file %1.</translation>
    </message>
    <message>
        <source>Enrolled with HQ as %1/%2.</source>
        <translation>Enrolled with HQ as %1/%2.</translation>
    </message>
</context>
<context>
    <name>pos::LeaderboardDialog</name>
    <message>
        <source>Guide leaderboard</source>
        <translation>Guide leaderboard</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>My performance</source>
        <translation>My performance</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>◀ Previous day</source>
        <translation>◀ Previous day</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Next day ▶</source>
        <translation>Next day ▶</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>Guide</source>
        <translation>Guide</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Store</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>vs day before</source>
        <translation>vs day before</translation>
    </message>
    <message>
        <source>Month total</source>
        <translation>Month total</translation>
    </message>
    <message>
        <source>Commission so far</source>
        <translation>Commission so far</translation>
    </message>
    <message>
        <source>Target tier</source>
        <translation>Target tier</translation>
    </message>
    <message>
        <source>To next tier</source>
        <translation>To next tier</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Online figures from HQ as of %1.</source>
        <translation>Online figures from HQ as of %1.</translation>
    </message>
    <message>
        <source>Online figures: none from HQ yet — this till is offline; amounts are the store&apos;s own sales.</source>
        <translation>Online figures: none from HQ yet — this till is offline; amounts are the store&apos;s own sales.</translation>
    </message>
    <message>
        <source>%1 — commission so far, and the month&apos;s target</source>
        <translation>%1 — commission so far, and the month&apos;s target</translation>
    </message>
    <message numerus="yes">
        <source>Target &quot;%1&quot;: %n tier(s), paid out %2</source>
        <translation>
            <numerusform>Target &quot;%1&quot;: %n tier, paid out %2</numerusform>
            <numerusform>Target &quot;%1&quot;: %n tiers, paid out %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Tier %1 (%2)</source>
        <translation>Tier %1 (%2)</translation>
    </message>
    <message>
        <source>None yet</source>
        <translation>None yet</translation>
    </message>
    <message>
        <source>No target</source>
        <translation>No target</translation>
    </message>
    <message>
        <source>%1: %2, %3 orders, %4 members, rank %5 of %6</source>
        <translation>%1: %2, %3 orders, %4 members, rank %5 of %6</translation>
    </message>
    <message>
        <source>This month: %1, commission so far %2</source>
        <translation>This month: %1, commission so far %2</translation>
    </message>
    <message>
        <source>Target: tier %1 reached, %2 to tier %3</source>
        <translation>Target: tier %1 reached, %2 to tier %3</translation>
    </message>
    <message>
        <source>Target: top tier %1 reached (%2)</source>
        <translation>Target: top tier %1 reached (%2)</translation>
    </message>
    <message>
        <source>Why? Credits of this guide</source>
        <translation>Why? Credits of this guide</translation>
    </message>
</context>
<context>
    <name>pos::MainWindow</name>
    <message>
        <source>Till — %1 %2</source>
        <translation>Till — %1 %2</translation>
    </message>
    <message>
        <source>%1 · Terminal %2</source>
        <translation>%1 · Terminal %2</translation>
    </message>
    <message>
        <source>● Offline — selling normally</source>
        <translation>● Offline — selling normally</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) waiting for HQ</source>
        <translation>
            <numerusform>%n record waiting for HQ</numerusform>
            <numerusform>%n records waiting for HQ</numerusform>
        </translation>
    </message>
    <message>
        <source>Leaderboard</source>
        <translation>Leaderboard</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Refund</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <source>Reprint a receipt</source>
        <translation>Reprint a receipt</translation>
    </message>
    <message>
        <source>Receipt number (sale or refund). The copy is marked as a copy.</source>
        <translation>Receipt number (sale or refund). The copy is marked as a copy.</translation>
    </message>
    <message>
        <source>Print copy</source>
        <translation>Print copy</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● Online</translation>
    </message>
    <message>
        <source>last reached HQ %1</source>
        <translation>last reached HQ %1</translation>
    </message>
    <message>
        <source>(oldest %1)</source>
        <translation>(oldest %1)</translation>
    </message>
    <message numerus="yes">
        <source>%n refused by HQ</source>
        <translation>
            <numerusform>%n refused by HQ</numerusform>
            <numerusform>%n refused by HQ</numerusform>
        </translation>
    </message>
    <message>
        <source>HQ</source>
        <translation>HQ</translation>
    </message>
    <message>
        <source>Close the till</source>
        <translation>Close the till</translation>
    </message>
    <message>
        <source>%1 · Lock</source>
        <translation>%1 · Lock</translation>
    </message>
    <message>
        <source>Drawer</source>
        <translation>Drawer</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Opening the drawer without a sale</source>
        <translation>Opening the drawer without a sale</translation>
    </message>
    <message>
        <source>The settings</source>
        <translation>The settings</translation>
    </message>
    <message>
        <source>Reprinting a receipt</source>
        <translation>Reprinting a receipt</translation>
    </message>
</context>
<context>
    <name>pos::ManagerPinDialog</name>
    <message>
        <source>Manager&apos;s approval</source>
        <translation>Manager&apos;s approval</translation>
    </message>
    <message>
        <source>%1 needs a manager&apos;s PIN.</source>
        <translation>%1 needs a manager&apos;s PIN.</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Manager</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>No manager set up</source>
        <translation>No manager set up</translation>
    </message>
    <message>
        <source>No manager is set up on this till (posctl staff add … --role manager), so nobody is asked.</source>
        <translation>No manager is set up on this till (posctl staff add … --role manager), so nobody is asked.</translation>
    </message>
    <message>
        <source>%1 needs a manager, and no manager is set up on this till.</source>
        <translation>%1 needs a manager, and no manager is set up on this till.</translation>
    </message>
</context>
<context>
    <name>pos::MemberDialog</name>
    <message>
        <source>New member</source>
        <translation>New member</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>No guide is chosen: the member will have no exclusive guide yet.</source>
        <translation>No guide is chosen: the member will have no exclusive guide yet.</translation>
    </message>
    <message>
        <source>Exclusive guide: %1</source>
        <translation>Exclusive guide: %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Register</translation>
    </message>
</context>
<context>
    <name>pos::PaymentDialog</name>
    <message>
        <source>Finish payment</source>
        <translation>Finish payment</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation>Amount due</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <source>Reference no. (card slip / payment code)</source>
        <translation>Reference no. (card slip / payment code)</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Cash received</source>
        <translation>Cash received</translation>
    </message>
    <message>
        <source>Remove selected payment</source>
        <translation>Remove selected payment</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Still due</source>
        <translation>Still due</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Back to sale</source>
        <translation>Back to sale</translation>
    </message>
    <message>
        <source>Enter an amount in yuan, e.g. 100 or 99.50.</source>
        <translation>Enter an amount in yuan, e.g. 100 or 99.50.</translation>
    </message>
    <message>
        <source>ref %1</source>
        <translation>ref %1</translation>
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
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>pos::PrintSpooler</name>
    <message>
        <source>The receipt could not be queued: %1</source>
        <translation>The receipt could not be queued: %1</translation>
    </message>
</context>
<context>
    <name>pos::PrintStatusBar</name>
    <message>
        <source>Retry printing</source>
        <translation>Retry printing</translation>
    </message>
    <message>
        <source>Don&apos;t print</source>
        <translation>Don&apos;t print</translation>
    </message>
    <message>
        <source>Printing %1…</source>
        <translation>Printing %1…</translation>
    </message>
    <message>
        <source>%1 printed.</source>
        <translation>%1 printed.</translation>
    </message>
    <message>
        <source>%1 will not be printed.</source>
        <translation>%1 will not be printed.</translation>
    </message>
    <message>
        <source>%1 not printed: %2. The sale is saved; trying again by itself.</source>
        <translation>%1 not printed: %2. The sale is saved; trying again by itself.</translation>
    </message>
    <message>
        <source>%1 not printed: %2. The sale is saved.</source>
        <translation>%1 not printed: %2. The sale is saved.</translation>
    </message>
</context>
<context>
    <name>pos::ProductSearchDialog</name>
    <message>
        <source>Find a product</source>
        <translation>Find a product</translation>
    </message>
    <message>
        <source>Name, pinyin initials (e.g. LYQ) or SKU</source>
        <translation>Name, pinyin initials (e.g. LYQ) or SKU</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>No product matches &quot;%1&quot;.</source>
        <translation>No product matches &quot;%1&quot;.</translation>
    </message>
</context>
<context>
    <name>pos::RefundDialog</name>
    <message>
        <source>Refund</source>
        <translation>Refund</translation>
    </message>
    <message>
        <source>Scan the receipt or type the order number</source>
        <translation>Scan the receipt or type the order number</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>Sold</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Refunded</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Refund now</source>
        <translation>Refund now</translation>
    </message>
    <message>
        <source>Whole order</source>
        <translation>Whole order</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Order %1 · %2 · total %3 · guide %4</source>
        <translation>Order %1 · %2 · total %3 · guide %4</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Already refunded: %1</source>
        <translation>Already refunded: %1</translation>
    </message>
    <message>
        <source>Choose what the customer brings back.</source>
        <translation>Choose what the customer brings back.</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Refund %1 — back to %2</source>
        <translation>Refund %1 — back to %2</translation>
    </message>
    <message>
        <source>Refund %1 done: %2.</source>
        <translation>Refund %1 done: %2.</translation>
    </message>
    <message>
        <source>Not refunded: it needs a manager&apos;s approval.</source>
        <translation>Not refunded: it needs a manager&apos;s approval.</translation>
    </message>
</context>
<context>
    <name>pos::SaleScreen</name>
    <message>
        <source>Scan a barcode, or type a SKU, name or pinyin initials</source>
        <translation>Scan a barcode, or type a SKU, name or pinyin initials</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
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
        <translation>Quantity…</translation>
    </message>
    <message>
        <source>Line discount…</source>
        <translation>Line discount…</translation>
    </message>
    <message>
        <source>Void line</source>
        <translation>Void line</translation>
    </message>
    <message>
        <source>Guide who served the customer</source>
        <translation>Guide who served the customer</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>Phone or member code</source>
        <translation>Phone or member code</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Discount</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Hold</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>Order discount…</source>
        <translation>Order discount…</translation>
    </message>
    <message>
        <source>Clear sale</source>
        <translation>Clear sale</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>Pay</translation>
    </message>
    <message>
        <source>Use Search to find it by name.</source>
        <translation>Use Search to find it by name.</translation>
    </message>
    <message>
        <source>%1  ×%2  %3</source>
        <translation>%1  ×%2  %3</translation>
    </message>
    <message>
        <source>Touch a line first.</source>
        <translation>Touch a line first.</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Line discount</source>
        <translation>Line discount</translation>
    </message>
    <message>
        <source>Amount off (20), percent off (15%) or 折 (8.5折):</source>
        <translation>Amount off (20), percent off (15%) or 折 (8.5折):</translation>
    </message>
    <message>
        <source>Order discount</source>
        <translation>Order discount</translation>
    </message>
    <message>
        <source>Sale held. Resume it with Resume.</source>
        <translation>Sale held. Resume it with Resume.</translation>
    </message>
    <message>
        <source>Held sale resumed.</source>
        <translation>Held sale resumed.</translation>
    </message>
    <message>
        <source>Paid · %1 · Change %2</source>
        <translation>Paid · %1 · Change %2</translation>
    </message>
    <message>
        <source>Served by %1</source>
        <translation>Served by %1</translation>
    </message>
    <message>
        <source>No guide chosen</source>
        <translation>No guide chosen</translation>
    </message>
    <message>
        <source>Walk-in customer</source>
        <translation>Walk-in customer</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Exclusive guide: %1</source>
        <translation>Exclusive guide: %1</translation>
    </message>
    <message>
        <source>No exclusive guide</source>
        <translation>No exclusive guide</translation>
    </message>
    <message>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Guide: %1</source>
        <translation>Guide: %1</translation>
    </message>
    <message>
        <source>Member: %1</source>
        <translation>Member: %1</translation>
    </message>
    <message>
        <source>Welcome, new member %1 (%2).</source>
        <translation>Welcome, new member %1 (%2).</translation>
    </message>
    <message>
        <source>exclusive</source>
        <translation>exclusive</translation>
    </message>
    <message>
        <source>sales</source>
        <translation>sales</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <translation>%1 %2 (%3)</translation>
    </message>
    <message>
        <source>Credit: the store only (no guide)</source>
        <translation>Credit: the store only (no guide)</translation>
    </message>
    <message>
        <source>Credit: %1</source>
        <translation>Credit: %1</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Price…</source>
        <translation>Price…</translation>
    </message>
    <message>
        <source>A refund</source>
        <translation>A refund</translation>
    </message>
    <message>
        <source>A discount beyond the limit (%1)</source>
        <translation>A discount beyond the limit (%1)</translation>
    </message>
    <message>
        <source>Discount not given: it is beyond the limit and needs a manager.</source>
        <translation>Discount not given: it is beyond the limit and needs a manager.</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>Voiding a line after payment started</source>
        <translation>Voiding a line after payment started</translation>
    </message>
    <message>
        <source>Not voided: payment has started, so it needs a manager.</source>
        <translation>Not voided: payment has started, so it needs a manager.</translation>
    </message>
    <message>
        <source>Change the price</source>
        <translation>Change the price</translation>
    </message>
    <message>
        <source>New unit price for %1 (now %2):</source>
        <translation>New unit price for %1 (now %2):</translation>
    </message>
    <message>
        <source>That is not a price: %1</source>
        <translation>That is not a price: %1</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>A price change (%1)</source>
        <translation>A price change (%1)</translation>
    </message>
    <message>
        <source>Price not changed: it needs a manager.</source>
        <translation>Price not changed: it needs a manager.</translation>
    </message>
    <message>
        <source>Price of %1 changed: %2</source>
        <translation>Price of %1 changed: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s), %1</source>
        <translation>
            <numerusform>%n item, %1</numerusform>
            <numerusform>%n items, %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Not done: payment has started, so it needs a manager.</source>
        <translation>Not done: payment has started, so it needs a manager.</translation>
    </message>
    <message>
        <source>Holding the sale after payment started</source>
        <translation>Holding the sale after payment started</translation>
    </message>
    <message>
        <source>Clearing the sale</source>
        <translation>Clearing the sale</translation>
    </message>
</context>
<context>
    <name>pos::SettingsDialog</name>
    <message>
        <source>product code</source>
        <translation>product code</translation>
    </message>
    <message>
        <source>weighed or price-labelled item</source>
        <translation>weighed or price-labelled item</translation>
    </message>
    <message>
        <source>GS1 code</source>
        <translation>GS1 code</translation>
    </message>
    <message>
        <source>member</source>
        <translation>member</translation>
    </message>
    <message>
        <source>guide badge</source>
        <translation>guide badge</translation>
    </message>
    <message>
        <source>receipt</source>
        <translation>receipt</translation>
    </message>
    <message>
        <source>guide-binding link</source>
        <translation>guide-binding link</translation>
    </message>
    <message>
        <source>not a valid code</source>
        <translation>not a valid code</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Store and HQ</source>
        <translation>Store and HQ</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <source>Scanners</source>
        <translation>Scanners</translation>
    </message>
    <message>
        <source>Till</source>
        <translation>Till</translation>
    </message>
    <message>
        <source>Chain policy</source>
        <translation>Chain policy</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Store</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Time zone</translation>
    </message>
    <message>
        <source>HQ</source>
        <translation>HQ</translation>
    </message>
    <message>
        <source>Enrolled with %1</source>
        <translation>Enrolled with %1</translation>
    </message>
    <message>
        <source>Not enrolled: the till sells on its own.</source>
        <translation>Not enrolled: the till sells on its own.</translation>
    </message>
    <message>
        <source>HQ enrolment and sync…</source>
        <translation>HQ enrolment and sync…</translation>
    </message>
    <message>
        <source>The store and terminal ids come from HQ enrolment and can&apos;t be changed here.</source>
        <translation>The store and terminal ids come from HQ enrolment and can&apos;t be changed here.</translation>
    </message>
    <message>
        <source>usb:auto, tcp://192.168.1.87, serial:/dev/ttyUSB0?baud=19200</source>
        <translation>usb:auto, tcp://192.168.1.87, serial:/dev/ttyUSB0?baud=19200</translation>
    </message>
    <message>
        <source>Test page</source>
        <translation>Test page</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>Header lines</source>
        <translation>Header lines</translation>
    </message>
    <message>
        <source>Footer lines</source>
        <translation>Footer lines</translation>
    </message>
    <message>
        <source>Up to %1 lines of %2 characters each; an empty footer prints the thank-you line.</source>
        <translation>Up to %1 lines of %2 characters each; an empty footer prints the thank-you line.</translation>
    </message>
    <message>
        <source>empty: keyboard wedge only; hidpos:auto, serial:/dev/ttyACM0, evdev:…</source>
        <translation>empty: keyboard wedge only; hidpos:auto, serial:/dev/ttyACM0, evdev:…</translation>
    </message>
    <message>
        <source>Scanner device</source>
        <translation>Scanner device</translation>
    </message>
    <message>
        <source>Keyboard wedge</source>
        <translation>Keyboard wedge</translation>
    </message>
    <message>
        <source>Scan something here to test</source>
        <translation>Scan something here to test</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>A scanner device change takes effect when the till restarts.</source>
        <translation>A scanner device change takes effect when the till restarts.</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>As the system</translation>
    </message>
    <message>
        <source>Language (after a restart)</source>
        <translation>Language (after a restart)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source>Lock when idle for</source>
        <translation>Lock when idle for</translation>
    </message>
    <message>
        <source>Cashier&apos;s discount limit</source>
        <translation>Cashier&apos;s discount limit</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <translation>%1 %2 (%3)</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>Nobody set up: anyone may use the till.</source>
        <translation>Nobody set up: anyone may use the till.</translation>
    </message>
    <message>
        <source>Staff and PINs are set up with posctl staff add.</source>
        <translation>Staff and PINs are set up with posctl staff add.</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Who is credited</source>
        <translation>Who is credited</translation>
    </message>
    <message>
        <source>Exclusive guide&apos;s share (%)</source>
        <translation>Exclusive guide&apos;s share (%)</translation>
    </message>
    <message>
        <source>Binding valid for (days)</source>
        <translation>Binding valid for (days)</translation>
    </message>
    <message>
        <source>Protection period (days)</source>
        <translation>Protection period (days)</translation>
    </message>
    <message>
        <source>Rebinding</source>
        <translation>Rebinding</translation>
    </message>
    <message>
        <source>Last-click window (hours)</source>
        <translation>Last-click window (hours)</translation>
    </message>
    <message>
        <source>permanent</source>
        <translation>permanent</translation>
    </message>
    <message>
        <source>HQ sets the chain&apos;s policy; the till applies it and can&apos;t change it.</source>
        <translation>HQ sets the chain&apos;s policy; the till applies it and can&apos;t change it.</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <source>About</source>
        <translation>About</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Not saved: %1</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>Type the printer&apos;s address first.</source>
        <translation>Type the printer&apos;s address first.</translation>
    </message>
    <message>
        <source>The test page did not print: %1</source>
        <translation>The test page did not print: %1</translation>
    </message>
    <message>
        <source>Test page printed on %1.</source>
        <translation>Test page printed on %1.</translation>
    </message>
    <message>
        <source>Read: %1 — %2</source>
        <translation>Read: %1 — %2</translation>
    </message>
    <message>
        <source>exclusive guide first</source>
        <translation>exclusive guide first</translation>
    </message>
    <message>
        <source>sales guide first</source>
        <translation>sales guide first</translation>
    </message>
    <message>
        <source>split between both</source>
        <translation>split between both</translation>
    </message>
    <message>
        <source>sales guide only</source>
        <translation>sales guide only</translation>
    </message>
    <message>
        <source>the first binding stays</source>
        <translation>the first binding stays</translation>
    </message>
    <message>
        <source>the latest binding wins</source>
        <translation>the latest binding wins</translation>
    </message>
</context>
<context>
    <name>pos::ShiftDialog</name>
    <message>
        <source>Count the drawer</source>
        <translation>Count the drawer</translation>
    </message>
    <message>
        <source>Count the notes and coins in the drawer. The till shows what it expected only after the count.</source>
        <translation>Count the notes and coins in the drawer. The till shows what it expected only after the count.</translation>
    </message>
    <message>
        <source>Close the shift</source>
        <translation>Close the shift</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Shift and day</source>
        <translation>Shift and day</translation>
    </message>
    <message>
        <source>Open shift…</source>
        <translation>Open shift…</translation>
    </message>
    <message>
        <source>Cash in…</source>
        <translation>Cash in…</translation>
    </message>
    <message>
        <source>Cash out…</source>
        <translation>Cash out…</translation>
    </message>
    <message>
        <source>Close shift…</source>
        <translation>Close shift…</translation>
    </message>
    <message>
        <source>X report</source>
        <translation>X report</translation>
    </message>
    <message>
        <source>Z report (close the day)…</source>
        <translation>Z report (close the day)…</translation>
    </message>
    <message>
        <source>Reprint today&apos;s Z</source>
        <translation>Reprint today&apos;s Z</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Reprinting the Z report</source>
        <translation>Reprinting the Z report</translation>
    </message>
    <message>
        <source>A copy of the Z report is printing.</source>
        <translation>A copy of the Z report is printing.</translation>
    </message>
    <message>
        <source>Shift %1 open since %2 (%3), float %4.</source>
        <translation>Shift %1 open since %2 (%3), float %4.</translation>
    </message>
    <message>
        <source>No shift is open. Open one with the float in the drawer before selling cash.</source>
        <translation>No shift is open. Open one with the float in the drawer before selling cash.</translation>
    </message>
    <message>
        <source>Open shift</source>
        <translation>Open shift</translation>
    </message>
    <message>
        <source>Opening float in the drawer (¥):</source>
        <translation>Opening float in the drawer (¥):</translation>
    </message>
    <message>
        <source>That is not an amount: %1</source>
        <translation>That is not an amount: %1</translation>
    </message>
    <message>
        <source>Shift %1 open with a float of %2.</source>
        <translation>Shift %1 open with a float of %2.</translation>
    </message>
    <message>
        <source>Cash in</source>
        <translation>Cash in</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>Cash out</translation>
    </message>
    <message>
        <source>Amount (¥):</source>
        <translation>Amount (¥):</translation>
    </message>
    <message>
        <source>Reason (change from the bank, flowers, …):</source>
        <translation>Reason (change from the bank, flowers, …):</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 put in: %2</source>
        <translation>%1 put in: %2</translation>
    </message>
    <message>
        <source>%1 taken out: %2</source>
        <translation>%1 taken out: %2</translation>
    </message>
    <message>
        <source>Closing the shift</source>
        <translation>Closing the shift</translation>
    </message>
    <message>
        <source>Expected %1, counted %2, difference %3.</source>
        <translation>Expected %1, counted %2, difference %3.</translation>
    </message>
    <message>
        <source>Shift %1 closed. %2</source>
        <translation>Shift %1 closed. %2</translation>
    </message>
    <message>
        <source>Closing the business day</source>
        <translation>Closing the business day</translation>
    </message>
    <message>
        <source>Close the business day?</source>
        <translation>Close the business day?</translation>
    </message>
    <message>
        <source>The Z report for %1 closes the day. It can be reprinted but never made again.</source>
        <translation>The Z report for %1 closes the day. It can be reprinted but never made again.</translation>
    </message>
    <message>
        <source>Z report %1 made and printing.</source>
        <translation>Z report %1 made and printing.</translation>
    </message>
    <message>
        <source>Z report %1</source>
        <translation>Z report %1</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>The X report is printing.</source>
        <translation>The X report is printing.</translation>
    </message>
</context>
<context>
    <name>pos::SignInScreen</name>
    <message>
        <source>Manager</source>
        <translation>Manager</translation>
    </message>
    <message>
        <source>Guide</source>
        <translation>Guide</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <source>Who is at the till?</source>
        <translation>Who is at the till?</translation>
    </message>
    <message>
        <source>Touch your name or scan your badge, then type your PIN.</source>
        <translation>Touch your name or scan your badge, then type your PIN.</translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
    <message>
        <source>Choose who you are.</source>
        <translation>Choose who you are.</translation>
    </message>
    <message>
        <source>PIN for %1</source>
        <translation>PIN for %1</translation>
    </message>
    <message>
        <source>That is not a staff badge here (%1). Sign in first to sell.</source>
        <translation>That is not a staff badge here (%1). Sign in first to sell.</translation>
    </message>
    <message>
        <source>Touch your name first.</source>
        <translation>Touch your name first.</translation>
    </message>
</context>
<context>
    <name>pos::attribution</name>
    <message>
        <source>refund reverses the order&apos;s credit with its split; </source>
        <translation>refund reverses the order&apos;s credit with its split; </translation>
    </message>
    <message>
        <source>bound by %1 at %2</source>
        <translation>bound by %1 at %2</translation>
    </message>
    <message>
        <source>inherited from departed guide %1 at %2</source>
        <translation>inherited from departed guide %1 at %2</translation>
    </message>
    <message>
        <source>%1 %2%: exclusive guide %3 (%4) gets the exclusive share</source>
        <translation>%1 %2%: exclusive guide %3 (%4) gets the exclusive share</translation>
    </message>
    <message>
        <source>%1: no sales guide, so exclusive guide %2 (%3) gets 100%</source>
        <translation>%1: no sales guide, so exclusive guide %2 (%3) gets 100%</translation>
    </message>
    <message>
        <source>%1: exclusive guide %2 (%3) gets 100% over sales guide %4</source>
        <translation>%1: exclusive guide %2 (%3) gets 100% over sales guide %4</translation>
    </message>
    <message>
        <source>chosen by the cashier</source>
        <translation>chosen by the cashier</translation>
    </message>
    <message>
        <source>named on the online order</source>
        <translation>named on the online order</translation>
    </message>
    <message>
        <source>latest click at %1 within %2 h before the order</source>
        <translation>latest click at %1 within %2 h before the order</translation>
    </message>
    <message>
        <source>%1: %2 is both the exclusive guide and the sales guide (%3): one sales credit of 100%</source>
        <translation>%1: %2 is both the exclusive guide and the sales guide (%3): one sales credit of 100%</translation>
    </message>
    <message>
        <source>%1 %2%: sales guide %3 (%4) gets the rest after exclusive guide %5</source>
        <translation>%1 %2%: sales guide %3 (%4) gets the rest after exclusive guide %5</translation>
    </message>
    <message>
        <source>%1: sales guide %2 (%3) gets 100%, the customer has no exclusive guide</source>
        <translation>%1: sales guide %2 (%3) gets 100%, the customer has no exclusive guide</translation>
    </message>
    <message>
        <source>%1: sales guide %2 (%3) gets 100% over exclusive guide %4</source>
        <translation>%1: sales guide %2 (%3) gets 100% over exclusive guide %4</translation>
    </message>
    <message>
        <source>; policy %1</source>
        <translation>; policy %1</translation>
    </message>
    <message>
        <source>bad policy field &quot;%1&quot;: %2</source>
        <translation>bad policy field &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>a whole number from %1 to %2</source>
        <translation>a whole number from %1 to %2</translation>
    </message>
    <message>
        <source>null or a whole number of days</source>
        <translation>null or a whole number of days</translation>
    </message>
    <message>
        <source>one of exclusive_first, sales_first, split, sales_only</source>
        <translation>one of exclusive_first, sales_first, split, sales_only</translation>
    </message>
    <message>
        <source>earliest or latest</source>
        <translation>earliest or latest</translation>
    </message>
    <message>
        <source>a list of sources</source>
        <translation>a list of sources</translation>
    </message>
    <message>
        <source>unknown source (register, order, stored_value, coupon, browse, wecom_friend, assign)</source>
        <translation>unknown source (register, order, stored_value, coupon, browse, wecom_friend, assign)</translation>
    </message>
    <message>
        <source>an IANA time zone such as Asia/Shanghai</source>
        <translation>an IANA time zone such as Asia/Shanghai</translation>
    </message>
    <message>
        <source>a non-empty string or a whole number</source>
        <translation>a non-empty string or a whole number</translation>
    </message>
    <message>
        <source>a policy must be a JSON object</source>
        <translation>a policy must be a JSON object</translation>
    </message>
    <message>
        <source>missing field &quot;%1&quot;</source>
        <translation>missing field &quot;%1&quot;</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; must be a non-negative whole number</source>
        <translation>field &quot;%1&quot; must be a non-negative whole number</translation>
    </message>
    <message>
        <source>a commission scheme must be a JSON object</source>
        <translation>a commission scheme must be a JSON object</translation>
    </message>
    <message>
        <source>field &quot;scheme&quot; must be per_product, tiered or bracket</source>
        <translation>field &quot;scheme&quot; must be per_product, tiered or bracket</translation>
    </message>
    <message>
        <source>a %1 commission needs &quot;tiers&quot;: a list of {&quot;from&quot;,&quot;bp&quot;}</source>
        <translation>a %1 commission needs &quot;tiers&quot;: a list of {&quot;from&quot;,&quot;bp&quot;}</translation>
    </message>
    <message>
        <source>each tier must be an object</source>
        <translation>each tier must be an object</translation>
    </message>
    <message>
        <source>commission tiers must be strictly ascending</source>
        <translation>commission tiers must be strictly ascending</translation>
    </message>
    <message>
        <source>a target needs &quot;tiers&quot;: a list of {&quot;threshold&quot;,&quot;reward&quot;}</source>
        <translation>a target needs &quot;tiers&quot;: a list of {&quot;threshold&quot;,&quot;reward&quot;}</translation>
    </message>
    <message>
        <source>target tiers must be strictly ascending</source>
        <translation>target tiers must be strictly ascending</translation>
    </message>
    <message>
        <source>a target has at most %1 tiers</source>
        <translation>a target has at most %1 tiers</translation>
    </message>
    <message>
        <source>binding not recorded</source>
        <translation>binding not recorded</translation>
    </message>
</context>
<context>
    <name>pos::attribution::Engine</name>
    <message>
        <source>a guide needs an id</source>
        <translation>a guide needs an id</translation>
    </message>
    <message>
        <source>unknown guide &quot;%1&quot;</source>
        <translation>unknown guide &quot;%1&quot;</translation>
    </message>
    <message>
        <source>a bind event needs a customer</source>
        <translation>a bind event needs a customer</translation>
    </message>
    <message>
        <source>a click needs a customer</source>
        <translation>a click needs a customer</translation>
    </message>
    <message>
        <source>an order needs an id</source>
        <translation>an order needs an id</translation>
    </message>
    <message>
        <source>guide &quot;%1&quot; has departed and can&apos;t be named on an order</source>
        <translation>guide &quot;%1&quot; has departed and can&apos;t be named on an order</translation>
    </message>
    <message>
        <source>the id &quot;%1&quot; is already used by another order or refund</source>
        <translation>the id &quot;%1&quot; is already used by another order or refund</translation>
    </message>
    <message>
        <source>a refund needs an id</source>
        <translation>a refund needs an id</translation>
    </message>
    <message>
        <source>unknown order &quot;%1&quot;</source>
        <translation>unknown order &quot;%1&quot;</translation>
    </message>
    <message>
        <source>a refund amount can&apos;t be negative</source>
        <translation>a refund amount can&apos;t be negative</translation>
    </message>
    <message>
        <source>refund of %1 fen exceeds what is left of order %2 (%3 of %4 fen already refunded)</source>
        <translation>refund of %1 fen exceeds what is left of order %2 (%3 of %4 fen already refunded)</translation>
    </message>
    <message>
        <source>guide &quot;%1&quot; has already departed</source>
        <translation>guide &quot;%1&quot; has already departed</translation>
    </message>
    <message>
        <source>a departure needs an heir</source>
        <translation>a departure needs an heir</translation>
    </message>
    <message>
        <source>a guide can&apos;t be their own heir</source>
        <translation>a guide can&apos;t be their own heir</translation>
    </message>
    <message>
        <source>the heir &quot;%1&quot; has departed</source>
        <translation>the heir &quot;%1&quot; has departed</translation>
    </message>
</context>
<context>
    <name>pos::attribution::Fields</name>
    <message>
        <source>missing field &quot;%1&quot;</source>
        <translation>missing field &quot;%1&quot;</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; must be a string</source>
        <translation>field &quot;%1&quot; must be a string</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; must be a non-negative whole number</source>
        <translation>field &quot;%1&quot; must be a non-negative whole number</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; must be an ISO 8601 time with an offset, like 2026-11-01T10:00:00+08:00</source>
        <translation>field &quot;%1&quot; must be an ISO 8601 time with an offset, like 2026-11-01T10:00:00+08:00</translation>
    </message>
</context>
<context>
    <name>pos::attribution::Replay</name>
    <message>
        <source>a line must be a JSON object</source>
        <translation>a line must be a JSON object</translation>
    </message>
    <message>
        <source>unknown type &quot;%1&quot;</source>
        <translation>unknown type &quot;%1&quot;</translation>
    </message>
    <message>
        <source>time %1 is earlier than the line before</source>
        <translation>time %1 is earlier than the line before</translation>
    </message>
    <message>
        <source>unknown bind source &quot;%1&quot;</source>
        <translation>unknown bind source &quot;%1&quot;</translation>
    </message>
    <message>
        <source>field &quot;channel&quot; must be &quot;store&quot; or &quot;online&quot;</source>
        <translation>field &quot;channel&quot; must be &quot;store&quot; or &quot;online&quot;</translation>
    </message>
    <message>
        <source>field &quot;lines&quot; must be a list of lines</source>
        <translation>field &quot;lines&quot; must be a list of lines</translation>
    </message>
    <message>
        <source>each of &quot;lines&quot; must be an object</source>
        <translation>each of &quot;lines&quot; must be an object</translation>
    </message>
    <message>
        <source>the order&apos;s amount is too large</source>
        <translation>the order&apos;s amount is too large</translation>
    </message>
    <message>
        <source>field &quot;period&quot; must be a month like 2026-11</source>
        <translation>field &quot;period&quot; must be a month like 2026-11</translation>
    </message>
    <message>
        <source>field &quot;date&quot; must be a day like 2026-11-01</source>
        <translation>field &quot;date&quot; must be a day like 2026-11-01</translation>
    </message>
</context>
<context>
    <name>pos::hq::HqServer</name>
    <message>
        <source>cannot read the certificate %1 or the key %2</source>
        <translation>cannot read the certificate %1 or the key %2</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate, or %2 no PEM private key (RSA or EC)</source>
        <translation>%1 holds no PEM certificate, or %2 no PEM private key (RSA or EC)</translation>
    </message>
    <message>
        <source>cannot listen on %1:%2</source>
        <translation>cannot listen on %1:%2</translation>
    </message>
    <message>
        <source>HQ is being maintained</source>
        <translation>HQ is being maintained</translation>
    </message>
    <message>
        <source>send at most %1 bytes a call</source>
        <translation>send at most %1 bytes a call</translation>
    </message>
    <message>
        <source>terminal &quot;%1&quot; is not enrolled, or was revoked</source>
        <translation>terminal &quot;%1&quot; is not enrolled, or was revoked</translation>
    </message>
    <message>
        <source>the signature does not match</source>
        <translation>the signature does not match</translation>
    </message>
    <message>
        <source>the terminal&apos;s clock is %1 s off HQ&apos;s</source>
        <translation>the terminal&apos;s clock is %1 s off HQ&apos;s</translation>
    </message>
    <message>
        <source>send {&quot;code&quot;: &quot;…&quot;}</source>
        <translation>send {&quot;code&quot;: &quot;…&quot;}</translation>
    </message>
    <message>
        <source>send {&quot;events&quot;: [...]}</source>
        <translation>send {&quot;events&quot;: [...]}</translation>
    </message>
    <message>
        <source>send at most %1 events a call</source>
        <translation>send at most %1 events a call</translation>
    </message>
    <message>
        <source>HQ could not store the events; nothing was kept</source>
        <translation>HQ could not store the events; nothing was kept</translation>
    </message>
    <message>
        <source>send ?cursor=N (0 for everything)</source>
        <translation>send ?cursor=N (0 for everything)</translation>
    </message>
    <message>
        <source>send Authorization: Bearer TOKEN (pos-hq admin-token NAME)</source>
        <translation>send Authorization: Bearer TOKEN (pos-hq admin-token NAME)</translation>
    </message>
    <message>
        <source>send ?store=S01&amp;from=YYYY-MM-DD&amp;to=YYYY-MM-DD</source>
        <translation>send ?store=S01&amp;from=YYYY-MM-DD&amp;to=YYYY-MM-DD</translation>
    </message>
    <message>
        <source>send ?store=S01&amp;date=YYYY-MM-DD</source>
        <translation>send ?store=S01&amp;date=YYYY-MM-DD</translation>
    </message>
</context>
<context>
    <name>pos::json::Reader</name>
    <message>
        <source>malformed JSON: unexpected text after the value at column %1</source>
        <translation>malformed JSON: unexpected text after the value at column %1</translation>
    </message>
    <message>
        <source>malformed JSON: nested too deeply</source>
        <translation>malformed JSON: nested too deeply</translation>
    </message>
    <message>
        <source>malformed JSON: unexpected end of line</source>
        <translation>malformed JSON: unexpected end of line</translation>
    </message>
    <message>
        <source>malformed JSON: expected a member name at column %1</source>
        <translation>malformed JSON: expected a member name at column %1</translation>
    </message>
    <message>
        <source>malformed JSON: expected &apos;:&apos; at column %1</source>
        <translation>malformed JSON: expected &apos;:&apos; at column %1</translation>
    </message>
    <message>
        <source>malformed JSON: expected &apos;,&apos; or &apos;}&apos; at column %1</source>
        <translation>malformed JSON: expected &apos;,&apos; or &apos;}&apos; at column %1</translation>
    </message>
    <message>
        <source>malformed JSON: expected &apos;,&apos; or &apos;]&apos; at column %1</source>
        <translation>malformed JSON: expected &apos;,&apos; or &apos;]&apos; at column %1</translation>
    </message>
    <message>
        <source>malformed JSON: unexpected character at column %1</source>
        <translation>malformed JSON: unexpected character at column %1</translation>
    </message>
    <message>
        <source>malformed JSON: control character in a string at column %1</source>
        <translation>malformed JSON: control character in a string at column %1</translation>
    </message>
    <message>
        <source>malformed JSON: invalid UTF-8 at column %1</source>
        <translation>malformed JSON: invalid UTF-8 at column %1</translation>
    </message>
    <message>
        <source>malformed JSON: bad \u escape at column %1</source>
        <translation>malformed JSON: bad \u escape at column %1</translation>
    </message>
    <message>
        <source>malformed JSON: unpaired surrogate at column %1</source>
        <translation>malformed JSON: unpaired surrogate at column %1</translation>
    </message>
    <message>
        <source>malformed JSON: bad escape at column %1</source>
        <translation>malformed JSON: bad escape at column %1</translation>
    </message>
    <message>
        <source>malformed JSON: unterminated string</source>
        <translation>malformed JSON: unterminated string</translation>
    </message>
    <message>
        <source>malformed JSON: bad number at column %1</source>
        <translation>malformed JSON: bad number at column %1</translation>
    </message>
</context>
<context>
    <name>pos::scanner::HidPosScanner</name>
    <message>
        <source>A HID POS scanner is hidpos:auto, hidpos:VID:PID (hex, e.g. hidpos:0c2e:0b87) or hidpos:/dev/hidrawN; not &quot;%1&quot;.</source>
        <translation>A HID POS scanner is hidpos:auto, hidpos:VID:PID (hex, e.g. hidpos:0c2e:0b87) or hidpos:/dev/hidrawN; not &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The scanner at %1 was unplugged.</source>
        <translation>The scanner at %1 was unplugged.</translation>
    </message>
    <message>
        <source>no HID POS scanner is plugged in (set the scanner to its USB HID POS mode).</source>
        <translation>no HID POS scanner is plugged in (set the scanner to its USB HID POS mode).</translation>
    </message>
    <message>
        <source>no HID POS scanner %1:%2 is plugged in.</source>
        <translation>no HID POS scanner %1:%2 is plugged in.</translation>
    </message>
    <message>
        <source>cannot read %1: %2 (the till&apos;s user needs access to it: see the udev rules).</source>
        <translation>cannot read %1: %2 (the till&apos;s user needs access to it: see the udev rules).</translation>
    </message>
    <message>
        <source>cannot read the report descriptor of %1.</source>
        <translation>cannot read the report descriptor of %1.</translation>
    </message>
    <message>
        <source>The scanner at %1 is gone.</source>
        <translation>The scanner at %1 is gone.</translation>
    </message>
    <message>
        <source>The scanner at %1 stopped: %2</source>
        <translation>The scanner at %1 stopped: %2</translation>
    </message>
    <message>
        <source>%1 bytes the scanner sent were not a report it declares; dropped.</source>
        <translation>%1 bytes the scanner sent were not a report it declares; dropped.</translation>
    </message>
    <message>
        <source>%1 bytes of one code from the scanner were dropped: too long for a code.</source>
        <translation>%1 bytes of one code from the scanner were dropped: too long for a code.</translation>
    </message>
</context>
</TS>
