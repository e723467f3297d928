/// 图 1 as inline SVG: a line with dots over the period ends, values in 亿条 (or 万条 when
/// small) printed at each point. No script; prints as drawn.
public enum TrendChart {
    /// The chart, `width` × `height` user units, or "" when there are no points.
    public static func svg(_ points: [TrendPoint], title: String, width: Int = 640, height: Int = 240) -> String {
        guard !points.isEmpty else { return "" }
        let left = 70, right = 20, top = 24, bottom = 36
        let plotW = width - left - right, plotH = height - top - bottom
        let maxValue = max(points.map(\.value).max() ?? 1, 1)
        let useYi = maxValue >= 100_000_000
        func label(_ v: Int64) -> String { useYi ? BulletinNumber.yi(v) : BulletinNumber.wan(v) }
        let unit = useYi ? "亿条" : "万条"
        func x(_ i: Int) -> Int { left + (points.count == 1 ? plotW / 2 : i * plotW / (points.count - 1)) }
        func y(_ v: Int64) -> Int { top + plotH - Int((Double(v) / Double(maxValue)) * Double(plotH)) }
        var svg = "<svg class=\"chart trend\" role=\"img\" aria-label=\"\(escape(title))\" viewBox=\"0 0 \(width) \(height)\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title>\(escape(title))</title>"
        svg += "<line x1=\"\(left)\" y1=\"\(top + plotH)\" x2=\"\(left + plotW)\" y2=\"\(top + plotH)\" stroke=\"#9aa5b1\"/>"
        svg += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(top + plotH)\" stroke=\"#9aa5b1\"/>"
        svg += "<text x=\"\(left - 6)\" y=\"\(top - 8)\" text-anchor=\"end\" font-size=\"11\">\(unit)</text>"
        let path = points.enumerated().map { i, p in "\(i == 0 ? "M" : "L")\(x(i)),\(y(p.value))" }.joined(separator: " ")
        svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"#0b5cad\" stroke-width=\"2\"/>"
        for (i, p) in points.enumerated() {
            svg += "<circle cx=\"\(x(i))\" cy=\"\(y(p.value))\" r=\"3\" fill=\"#0b5cad\"/>"
            svg += "<text x=\"\(x(i))\" y=\"\(y(p.value) - 8)\" text-anchor=\"middle\" font-size=\"11\">\(label(p.value))</text>"
            let day = p.day.count == 10 ? String(p.day.dropFirst(5)) : p.day
            svg += "<text x=\"\(x(i))\" y=\"\(top + plotH + 18)\" text-anchor=\"middle\" font-size=\"11\">\(escape(day))</text>"
        }
        return svg + "</svg>"
    }

    /// Bars per unit and period for the dashboard: one small line per unit.
    public static func sparkline(_ values: [Int64], width: Int = 160, height: Int = 32) -> String {
        guard values.count > 1 else { return "" }
        let maxValue = max(values.max() ?? 1, 1)
        let pts = values.enumerated().map { i, v in
            "\(i * (width - 4) / (values.count - 1) + 2),\(height - 2 - Int(Double(v) / Double(maxValue) * Double(height - 4)))"
        }.joined(separator: " ")
        return "<svg class=\"spark\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" xmlns=\"http://www.w3.org/2000/svg\"><polyline points=\"\(pts)\" fill=\"none\" stroke=\"#0b5cad\" stroke-width=\"1.5\"/></svg>"
    }

    /// Escapes text for XML and HTML.
    public static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
