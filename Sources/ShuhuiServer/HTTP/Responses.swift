import Foundation
import Hummingbird
import HTTPTypes
import NIOCore
import ShuhuiCore

/// Response helpers shared by API routes.
enum Reply {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return e
    }()

    /// A JSON response.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    /// Raw bytes with a content type, optionally as a download.
    static func bytes(_ data: Data, contentType: String, filename: String? = nil) -> Response {
        var headers: HTTPFields = [.contentType: contentType]
        if let filename {
            let encoded = filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "download"
            headers[.contentDisposition] = "attachment; filename=\"\(filename.unicodeScalars.allSatisfy(\.isASCII) ? filename : "download")\"; filename*=UTF-8''\(encoded)"
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func noContent() -> Response { Response(status: .noContent) }
}

extension Request {
    /// A query parameter, nil when absent or blank.
    func query(_ name: String) -> String? {
        guard let v = uri.queryParameters[Substring(name)], !v.isEmpty else { return nil }
        return String(v)
    }

    /// An integer query parameter; a non-number is a 400 naming the parameter.
    func intQuery(_ name: String) throws -> Int? {
        guard let v = query(name) else { return nil }
        guard let n = Int(v) else {
            throw Problem.badRequest(field: name, Strings.format("v.wrongType", ["expected": "integer"]))
        }
        return n
    }

    /// An enum query parameter; an unknown value is a 400 listing the allowed ones.
    func enumQuery<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) throws -> T? where T.RawValue == String {
        guard let v = query(name) else { return nil }
        guard let e = T(rawValue: v) else {
            throw Problem.badRequest(field: name, Strings.format("v.invalidValue", ["value": v, "allowed": T.allCases.map(\.rawValue).joined(separator: ", ")]))
        }
        return e
    }
}
