/// The bulletin as HTML: a fragment for the console page and a standalone A4 document with
/// print CSS. Deterministic: the same document always gives the same bytes.
public enum BulletinHTML {
    /// Print CSS for A4 (also used by the console page around the fragment).
    public static let css = """
    .bulletin{max-width:794px;margin:0 auto;background:#fff;color:#000;font:15px/1.8 "FangSong","STFangsong","Noto Serif CJK SC","Songti SC",serif;padding:2rem 2.5rem}
    .bulletin .b-heading{text-align:center;margin:0}.bulletin h1.b-title{text-align:center;color:#c00;font-size:2.2rem;letter-spacing:.4em;margin:.4rem 0}
    .bulletin .b-bureau{display:flex;justify-content:space-between;border-bottom:3px solid #c00;padding-bottom:.3rem;margin-bottom:1rem}
    .bulletin h2{font-size:1.1rem;margin:1.2rem 0 .4rem;font-family:"SimHei","Noto Sans CJK SC",sans-serif}.bulletin h3{font-size:1rem;margin:.8rem 0 .3rem}
    .bulletin p{text-indent:2em;margin:.3rem 0}.bulletin p.b-note{text-indent:0}.bulletin figure{margin:.6rem 0;text-align:center}.bulletin figcaption{font-size:.9rem}
    .bulletin table{width:100%;border-collapse:collapse;margin:.4rem 0;font-size:.9rem}.bulletin th,.bulletin td{border:1px solid #000;padding:.15rem .35rem;text-align:center}
    .bulletin td.n{text-align:right}.bulletin .b-sign{text-align:right;margin-top:1.2rem}.bulletin .b-attachment{page-break-before:always;break-before:page}
    .bulletin .b-attachment h3{text-align:center}.bulletin .b-foot{border-top:1px solid #000;border-bottom:1px solid #000;margin-top:2rem;padding:.3rem 0}
    .bulletin .b-issued{display:flex;justify-content:space-between;border-bottom:1px solid #000;padding:.3rem 0}.bulletin svg{max-width:100%;height:auto}
    @page{size:A4;margin:20mm 18mm}
    @media print{.bulletin{padding:0;max-width:none}}
    """

    /// The `<article class="bulletin">` fragment.
    public static func fragment(_ d: BulletinDocument) -> String {
        let e = TrendChart.escape
        var h = "<article class=\"bulletin\" lang=\"\(d.language.rawValue)\">"
        h += "<p class=\"b-heading\">\(e(d.heading))</p><h1 class=\"b-title\">\(e(d.title))</h1>"
        h += "<div class=\"b-bureau\"><span>\(e(d.bureau))</span><span>\(e(d.dateLine))</span></div>"
        for s in d.sections {
            h += "<section><h2>\(e(s.heading))</h2>"
            for b in s.blocks { h += block(b, d) }
            h += "</section>"
        }
        h += "<p class=\"b-note\">\(e(Strings["bulletin.attachmentsLabel"].text(d.language)))" + d.attachmentList.map(e).joined(separator: "<br>") + "</p>"
        h += "<p class=\"b-sign\">\(e(d.signature))<br>\(e(d.dateLine))</p>"
        for a in d.attachments {
            h += "<section class=\"b-attachment\"><p class=\"b-note\">\(e(Strings.format("bulletin.attachmentLabel", ["n": String(a.number)]).text(d.language)))</p>"
            h += "<h3>\(e(a.title))</h3>" + table(a)
            if let note = a.note { h += "<p class=\"b-note\">\(e(note))</p>" }
            h += "</section>"
        }
        h += "<div class=\"b-foot\"><p class=\"b-note\">\(e(d.reportTo))</p><p class=\"b-note\">\(e(d.copyTo))</p></div>"
        h += "<div class=\"b-issued\"><span>\(e(d.bureau))</span><span>\(e(d.issuedLine))</span></div>"
        return h + "</article>"
    }

    /// A standalone HTML page (A4 when printed).
    public static func document(_ d: BulletinDocument) -> String {
        "<!DOCTYPE html><html lang=\"\(d.language.rawValue)\"><head><meta charset=\"utf-8\"><title>\(TrendChart.escape(d.title + " " + d.dateLine))</title><style>"
            + css + "body{margin:0;background:#eee}</style></head><body>" + fragment(d) + "</body></html>\n"
    }

    static func block(_ b: BulletinBlock, _ d: BulletinDocument) -> String {
        let e = TrendChart.escape
        switch b.kind {
        case .paragraph: return "<p>\(e(b.text))</p>"
        case .subheading: return "<h3>\(e(b.text))</h3>"
        case .note: return "<p class=\"b-note\">\(e(b.text))</p>"
        case .chart: return "<figure>" + TrendChart.svg(d.trend, title: b.text) + "<figcaption>\(e(b.text))</figcaption></figure>"
        case .table: return (b.table.map(table) ?? "") + "<p class=\"b-note\" style=\"text-align:center\">\(e(b.text))</p>"
        }
    }

    static func table(_ t: AttachmentTable) -> String {
        let e = TrendChart.escape
        var h = "<table><thead><tr>" + t.header.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead><tbody>"
        for row in t.rows {
            h += "<tr>" + row.map { cell in
                let numeric = !cell.isEmpty && cell.allSatisfy { $0.isNumber || $0 == "." || $0 == "," || $0 == "%" }
                return numeric ? "<td class=\"n\">\(e(cell))</td>" : "<td>\(e(cell))</td>"
            }.joined() + "</tr>"
        }
        return h + "</tbody></table>"
    }
}
