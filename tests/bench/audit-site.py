#!/usr/bin/env python3
"""The site of po-audit's benchmark, deterministic: 200 pages in DIR/www.

usage: audit-site.py DIR BASE
Each page is about 12 KB of HTML (served gzipped) that loads a shared
stylesheet and script, a shared logo and two images of its own (8 KB).
Writes DIR/pages.txt (the page URLs under BASE) and DIR/fetches.txt (every
URL po-audit requests for them, pages included, in page order: what the
parallel curl baseline fetches).
"""
import os
import random
import sys

PAGES = 200
root, base = sys.argv[1], sys.argv[2].rstrip("/")
www = os.path.join(root, "www")
for sub in ("static", "img"):
    os.makedirs(os.path.join(www, sub), exist_ok=True)
rng = random.Random(200)


def write(path, data):
    with open(os.path.join(www, path), "wb") as f:
        f.write(data)


write("static/site.css", b"body{margin:0;font:16px sans-serif}\n" +
      b"".join(b".c%d{padding:%dpx}\n" % (i, i % 9) for i in range(400)))
write("static/site.js", b"".join(b"function f%d(x){return x*%d+1}\n" % (i, i)
                                 for i in range(600)))
write("img/logo.png", bytes(rng.getrandbits(8) for _ in range(3000)))
pages, fetches = [], []
for n in range(PAGES):
    name = "page-%03d.html" % n
    words = " ".join(rng.choice(["alpha", "beta", "gamma", "delta", "cache",
                                 "route", "render", "state"])
                     for _ in range(1500))
    html = ("<!doctype html><html lang=en><head><meta charset=utf-8>"
            "<meta name=viewport content='width=device-width'>"
            "<title>Page %d</title><link rel=stylesheet href=/static/site.css>"
            "<script defer src=/static/site.js></script></head><body>"
            "<img src=/img/logo.png width=120 height=40 alt=logo>"
            "<h1>Page %d</h1><p>%s</p>"
            "<img src=/img/p%03d-a.jpg width=400 height=300 alt=a>"
            "<img src=/img/p%03d-b.jpg width=400 height=300 alt=b>"
            "</body></html>\n") % (n, n, words, n, n)
    write(name, html.encode())
    for s in ("a", "b"):
        write("img/p%03d-%s.jpg" % (n, s),
              bytes(rng.getrandbits(8) for _ in range(8000)))
    pages.append("%s/%s" % (base, name))
    fetches += ["%s/%s" % (base, name), base + "/static/site.css",
                base + "/static/site.js", base + "/img/logo.png",
                "%s/img/p%03d-a.jpg" % (base, n),
                "%s/img/p%03d-b.jpg" % (base, n)]
with open(os.path.join(root, "pages.txt"), "w") as f:
    f.write("\n".join(pages) + "\n")
with open(os.path.join(root, "fetches.txt"), "w") as f:
    f.write("\n".join(fetches) + "\n")
