#!/usr/bin/env python3
"""Regenerates the demo store's CSV files (deterministic). Run from this folder."""
import csv
import random

rng = random.Random(20261122)

def ean13(body12: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body12))
    return body12 + str((10 - total % 10) % 10)

# (category, sku prefix, commission bp, [(name, price yuan range)], variants)
CATALOG = [
    ("女装", "WF", 500, [("连衣裙", 199, 699), ("针织开衫", 159, 459), ("雪纺衬衫", 129, 329),
                        ("半身裙", 139, 399), ("羊毛大衣", 899, 2299), ("阔腿裤", 159, 359),
                        ("羽绒服", 699, 1899), ("卫衣", 129, 299),
                        ("羊绒毛衣", 499, 1299), ("风衣", 599, 1499)],
     ["黑色 S", "黑色 M", "米白 M", "藏青 L", "酒红 M"]),
    ("男装", "MF", 500, [("纯棉T恤", 79, 199), ("商务衬衫", 199, 459), ("休闲西装", 699, 1599),
                        ("牛仔裤", 229, 499), ("夹克", 399, 899), ("Polo衫", 129, 299),
                        ("羊毛衫", 359, 799), ("运动裤", 159, 359)],
     ["灰色 L", "藏蓝 XL", "白色 M", "卡其 L"]),
    ("鞋履", "SH", 600, [("运动鞋", 299, 899), ("高跟鞋", 299, 799), ("小白鞋", 199, 499),
                        ("切尔西靴", 499, 1099), ("乐福鞋", 359, 799), ("儿童凉鞋", 99, 259),
                        ("帆布鞋", 129, 299), ("马丁靴", 459, 999)],
     ["36码", "37码", "38码", "40码", "42码"]),
    ("美妆", "BE", 800, [("口红 丝绒哑光", 199, 349), ("保湿面霜 50ml", 259, 699),
                        ("精华液 30ml", 399, 1099), ("补水面膜 5片装", 99, 199),
                        ("防晒乳 SPF50", 129, 299), ("卸妆油 200ml", 139, 289),
                        ("气垫粉底", 229, 459), ("眼影盘", 259, 529),
                        ("淡香水 50ml", 459, 999), ("氨基酸洗面奶", 79, 169),
                        ("爽肤水 200ml", 149, 359), ("睫毛膏", 129, 269)],
     ["经典款", "限定款", "旅行装"]),
    ("母婴", "BB", 300, [("纸尿裤 L码", 109, 189), ("婴儿湿巾 80抽×6包", 49, 89),
                        ("婴幼儿奶粉 3段 800g", 259, 429), ("宽口径奶瓶 240ml", 89, 169),
                        ("婴儿连体衣", 79, 199), ("儿童保温杯", 99, 219), ("安抚奶嘴", 39, 79),
                        ("婴儿推车", 899, 2599), ("儿童雨衣", 69, 139), ("辅食碗套装", 59, 129)],
     ["单件", "两件装", "礼盒装"]),
    ("配饰", "AC", 700, [("真丝围巾", 299, 699), ("羊绒围巾", 399, 899), ("真皮腰带", 199, 459),
                        ("帆布托特包", 159, 359), ("棒球帽", 99, 199), ("棉袜 3双装", 39, 89)],
     ["经典款", "新款", "礼盒装"]),
]

def price_in(lo, hi):
    # Shop prices end in 9 or 9.9 or whole tens.
    yuan = rng.randint(lo, hi)
    ending = rng.choice([9, 9, 9, 0])
    yuan = yuan - yuan % 10 + ending
    cents = 90 if ending == 9 and rng.random() < 0.25 else 0
    if cents:
        yuan -= 1  # 99.90 style
    return max(yuan, 1) * 100 + cents

products = []
prefixes = ["690", "691", "692", "693", "694", "695", "696"]
serial = 0
for category, sku_prefix, bp, bases, variants in CATALOG:
    for bi, (base, lo, hi) in enumerate(bases):
        price = price_in(lo, hi)
        company = rng.choice(prefixes) + f"{rng.randint(1000, 9999)}"
        for vi, variant in enumerate(variants):
            serial += 1
            sku = f"{sku_prefix}{bi + 1:02d}{vi + 1:02d}"
            body = company + f"{serial:05d}"
            barcodes = [ean13(body)]
            if serial % 17 == 0:  # some items carry a second (supplier) barcode
                barcodes.append(ean13(rng.choice(prefixes) + f"{rng.randint(100000000, 999999999)}"))
            products.append((sku, "|".join(barcodes), f"{base} {variant}", category,
                             price, bp + rng.choice([0, 0, 100, 200])))

products = products[:200]
with open("products.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["sku", "barcodes", "name", "category", "price_fen", "commission_bp"])
    for p in products:
        w.writerow(p)

guides = [("G01", "小野", 1), ("G02", "雪娇", 1), ("G03", "阿杰", 1), ("G04", "美琳", 1),
          ("G05", "子涵", 1), ("G06", "晓雯", 0)]
with open("guides.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "name", "store", "active", "departed_at"])
    for gid, name, active in guides:
        w.writerow([gid, name, "S01", active, "" if active else "2026-10-31T18:00:00+08:00"])

surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹"
given = ["静", "芳", "丽", "敏", "婷", "雪", "琳", "欣怡", "子轩", "雨桐", "浩然", "梓涵",
         "思远", "晓燕", "佳怡", "文博", "嘉欣", "一诺", "美玲", "志强"]
with open("members.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "phone", "name", "exclusive_guide"])
    for i in range(30):
        phone = rng.choice(["138", "139", "150", "186", "177"]) + f"{rng.randint(10000000, 99999999)}"
        name = surnames[i] + rng.choice(given)
        exclusive = "" if i % 3 == 2 else f"G0{rng.randint(1, 5)}"
        w.writerow([f"M{i + 1:04d}", phone, name, exclusive])
