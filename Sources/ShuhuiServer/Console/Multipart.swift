import Foundation

/// Just enough of `multipart/form-data` (RFC 7578) for the console's upload form: parts
/// with a name, an optional filename and their bytes.
struct MultipartForm {
    struct Part {
        var name: String
        var filename: String?
        var data: Data
    }

    var parts: [Part] = []

    /// The first part called `name`.
    subscript(name: String) -> Part? { parts.first { $0.name == name } }

    /// Parses `body` given the request's Content-Type; nil when it isn't multipart.
    init?(contentType: String, body: Data) {
        guard contentType.lowercased().hasPrefix("multipart/form-data"),
            let range = contentType.range(of: "boundary=")
        else { return nil }
        var boundary = String(contentType[range.upperBound...])
        if let semi = boundary.firstIndex(of: ";") { boundary = String(boundary[..<semi]) }
        boundary = boundary.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        guard !boundary.isEmpty else { return nil }
        let delimiter = Data("--\(boundary)".utf8)
        let headerEnd = Data("\r\n\r\n".utf8)
        var cursor = body.startIndex
        guard let first = body.range(of: delimiter, in: cursor..<body.endIndex) else { return nil }
        cursor = first.upperBound
        while cursor < body.endIndex {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if body[cursor...].starts(with: Data("--".utf8)) { break }
            guard body[cursor...].starts(with: Data("\r\n".utf8)) else { return nil }
            let headersStart = cursor + 2
            guard let hEnd = body.range(of: headerEnd, in: headersStart..<body.endIndex) else { return nil }
            let headers = String(decoding: body[headersStart..<hEnd.lowerBound], as: UTF8.self)
            guard let next = body.range(of: Data("\r\n".utf8) + delimiter, in: hEnd.upperBound..<body.endIndex) else { return nil }
            var name = "", filename: String?
            for line in headers.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition") {
                name = Self.parameter("name", in: String(line)) ?? ""
                filename = Self.parameter("filename", in: String(line))
            }
            parts.append(Part(name: name, filename: filename, data: Data(body[hEnd.upperBound..<next.lowerBound])))
            cursor = next.upperBound
        }
    }

    private static func parameter(_ key: String, in line: String) -> String? {
        for piece in line.split(separator: ";") {
            let kv = piece.trimmingCharacters(in: .whitespaces)
            guard kv.hasPrefix("\(key)=") else { continue }
            return String(kv.dropFirst(key.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }
}

/// `application/x-www-form-urlencoded` bodies.
enum URLEncodedForm {
    static func parse(_ data: Data) -> [String: String] {
        var out: [String: String] = [:]
        for pair in String(decoding: data, as: UTF8.self).split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            guard let k = kv.first else { continue }
            out[decode(k)] = kv.count > 1 ? decode(kv[1]) : ""
        }
        return out
    }
}
