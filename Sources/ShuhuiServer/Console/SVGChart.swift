/// Inline SVG charts for the console: no JavaScript, readable when printed.
enum SVGChart {
    /// A horizontal bar chart, one bar per label, value printed at the bar's end.
    static func bars(_ data: [(label: String, value: Int)], title: String, width: Int = 640) -> String {
        guard !data.isEmpty else { return "" }
        let rowHeight = 26, labelWidth = 150, top = 8
        let maxValue = max(data.map(\.value).max() ?? 1, 1)
        let plot = width - labelWidth - 60
        var svg = "<svg class=\"chart\" role=\"img\" aria-label=\"\(escape(title))\" viewBox=\"0 0 \(width) \(top * 2 + rowHeight * data.count)\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title>\(escape(title))</title>"
        for (i, d) in data.enumerated() {
            let y = top + i * rowHeight
            let w = max(1, d.value * plot / maxValue)
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 17)\" text-anchor=\"end\" class=\"chart-label\">\(escape(d.label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(w)\" height=\"\(rowHeight - 8)\" rx=\"3\" class=\"chart-bar\"/>"
            svg += "<text x=\"\(labelWidth + w + 6)\" y=\"\(y + 17)\" class=\"chart-value\">\(d.value)</text>"
        }
        return svg + "</svg>"
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

import Foundation
