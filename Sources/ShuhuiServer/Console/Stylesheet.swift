/// The console's one stylesheet: plain, dense tables, print-friendly.
enum Stylesheet {
    static let css = """
    :root{--ink:#1f2933;--muted:#616e7c;--line:#d9e2ec;--bg:#f5f7fa;--brand:#0b5cad;--brand2:#e6f0fa;--ok:#18794e;--bad:#b42318}
    *{box-sizing:border-box}body{margin:0;font:14px/1.55 "PingFang SC","Noto Sans CJK SC","Microsoft YaHei",system-ui,sans-serif;color:var(--ink);background:var(--bg)}
    a{color:var(--brand);text-decoration:none}a:hover{text-decoration:underline}
    header.top{display:flex;align-items:center;gap:1.5rem;padding:.6rem 1.5rem;background:#fff;border-bottom:1px solid var(--line);position:sticky;top:0;z-index:2}
    .brand{font-weight:700;font-size:1.25rem;color:var(--ink)}.brand small{font-weight:400;font-size:.8rem;color:var(--muted);margin-left:.6rem}
    header nav{display:flex;gap:.25rem;flex:1}header nav a{padding:.35rem .7rem;border-radius:6px;color:var(--ink)}header nav a.active,header nav summary.active{background:var(--brand2);color:var(--brand);font-weight:600}
    header nav summary{padding:.35rem .7rem;border-radius:6px;cursor:pointer;list-style:none;white-space:nowrap}header nav summary::-webkit-details-marker{display:none}
    header nav summary::after{content:" ▾";font-size:.75em;color:var(--muted)}details.menu{position:relative}
    details.menu>div{position:absolute;top:100%;left:0;z-index:3;display:flex;flex-direction:column;min-width:10rem;padding:.3rem;background:#fff;border:1px solid var(--line);border-radius:8px;box-shadow:0 4px 14px rgba(0,0,0,.08)}
    .who{display:flex;align-items:center;gap:.8rem;margin-left:auto;color:var(--muted)}.who form{display:inline}
    main{max-width:1240px;margin:0 auto;padding:1.2rem 1.5rem 3rem}h1{font-size:1.4rem;margin:.4rem 0 1rem}h2{font-size:1.05rem;margin:.2rem 0 .8rem}
    .card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:1rem 1.2rem;margin-bottom:1rem}
    .tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:.8rem;margin-bottom:1rem}
    .tile{background:#fff;border:1px solid var(--line);border-left:4px solid var(--brand);border-radius:8px;padding:.7rem 1rem}.tile .value{font-size:1.6rem;font-weight:700}.tile .label{color:var(--muted)}
    .grid2{display:grid;grid-template-columns:3fr 2fr;gap:1rem}@media(max-width:900px){.grid2{grid-template-columns:1fr}}
    table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:.45rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}thead th{background:#f0f4f8;font-weight:600;white-space:nowrap}
    tbody tr:hover{background:#fafcff}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}tfoot th{border-top:2px solid var(--line)}
    table.compact th{font-weight:400;color:var(--muted);background:none}
    .mono,code{font-family:ui-monospace,"SFMono-Regular",Menlo,monospace;font-size:.92em}
    .badge{display:inline-block;padding:0 .45rem;border-radius:10px;font-size:.8rem;background:#eef2f6;color:var(--ink);white-space:nowrap}
    .grade-L4{background:#fde8e7;color:var(--bad)}.grade-L3{background:#fff1e0;color:#9a5b00}.grade-L2{background:#fffbe0;color:#7a6400}.grade-L1{background:#e3f6ec;color:var(--ok)}
    .filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}input,select,button,.button{font:inherit;padding:.4rem .6rem;border:1px solid var(--line);border-radius:6px;background:#fff;color:var(--ink)}
    button.primary{background:var(--brand);border-color:var(--brand);color:#fff;cursor:pointer}button.link{border:none;background:none;color:var(--brand);cursor:pointer;padding:0}
    .muted,.hint{color:var(--muted)}.error{color:var(--bad);font-weight:600}.success{border-left:4px solid var(--ok)}.failure{border-left:4px solid var(--bad)}
    .login{max-width:380px;margin:3rem auto}.login label{display:block;margin-bottom:.8rem}.login input{display:block;width:100%;margin-top:.25rem}.login button{width:100%}
    dl.meta{display:grid;grid-template-columns:10rem 1fr;gap:.3rem 1rem;margin:0}dl.meta dt{color:var(--muted)}dl.meta dd{margin:0}
    .pager{display:flex;gap:1rem;justify-content:flex-end;align-items:center;margin-top:.8rem}.crumbs{color:var(--muted);margin:0}
    ul.changes{margin:.2rem 0 0;padding-left:1.1rem;color:var(--muted)}ins{background:#e3f6ec;text-decoration:none}del{background:#fde8e7}
    .chart{width:100%;height:auto}.chart-bar{fill:var(--brand)}.chart-label,.chart-value{font-size:12px;fill:var(--ink)}
    footer{text-align:center;color:var(--muted);padding:1rem;font-size:.85rem}.empty{color:var(--muted);text-align:center;padding:2rem}
    @media print{header.top,.filters,footer,.pager{display:none}body{background:#fff}.card{border:none;padding:0}}
    """
}
