import Foundation
import Hummingbird
import NIOCore
import NIOFoundationCompat
import ShuhuiCore

/// A request body type that names the keys it accepts, so unknown keys are refused rather
/// than silently dropped (a misspelt `grade` must not leave the grade unchanged).
protocol StrictInput: Decodable {
    /// Top-level keys.
    static var knownKeys: Set<String> { get }
    /// Keys of objects inside arrays, by the array's key.
    static var nestedKeys: [String: Set<String>] { get }
}

extension StrictInput {
    static var nestedKeys: [String: Set<String>] { [:] }
}

/// Reads JSON request bodies into typed values, reporting every problem as a 4xx problem
/// that names the field.
enum JSONBody {
    static func decode<T: StrictInput>(_ type: T.Type, _ request: Request, context: AppContext) async throws -> T {
        try requireJSON(request)
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: context.maxUploadSize)
        } catch is NIOTooManyBytesError {
            throw Problem(status: .contentTooLarge, kind: "too-large", titleKey: "problem.tooLarge",
                detail: Strings.format("problem.detail.tooLarge", ["limit": String(context.maxUploadSize)]))
        }
        return try decode(type, data: Data(buffer: buffer))
    }

    /// Refuses a body that is not declared JSON (415).
    static func requireJSON(_ request: Request) throws {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/json") || contentType.hasPrefix("application/merge-patch+json") else {
            throw Problem(status: .unsupportedMediaType, kind: "unsupported-media-type", titleKey: "problem.unsupportedMedia",
                detail: Strings.format("problem.detail.mediaType", ["expected": "application/json"]))
        }
    }

    /// Decodes a body already read (the gateway reads it first, to check its digest).
    static func decode<T: StrictInput>(_ type: T.Type, data: Data) throws -> T {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw Problem.badRequest(field: nil, Strings.format("problem.detail.malformedJSON", ["reason": (error as NSError).localizedDescription]))
        }
        guard let dict = object as? [String: Any] else {
            throw Problem.badRequest(field: nil, Strings.format("problem.detail.malformedJSON", ["reason": "expected an object"]))
        }
        var issues: [FieldIssue] = []
        for key in dict.keys.sorted() where !T.knownKeys.contains(key) {
            issues.append(FieldIssue(field: key, code: "unknown_field", message: Strings["v.unknownField"]))
        }
        for (key, allowed) in T.nestedKeys {
            guard let items = dict[key] as? [Any] else { continue }
            for (i, item) in items.enumerated() {
                guard let obj = item as? [String: Any] else { continue }
                for k in obj.keys.sorted() where !allowed.contains(k) {
                    issues.append(FieldIssue(field: "\(key)[\(i)].\(k)", code: "unknown_field", message: Strings["v.unknownField"]))
                }
            }
        }
        if !issues.isEmpty { throw Problem.validation(issues) }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw Problem.validation([issue(error)])
        }
    }

    /// Names the field a decoding error is about, in JSON-path form.
    static func issue(_ error: DecodingError) -> FieldIssue {
        func path(_ keys: [any CodingKey]) -> String {
            var out = ""
            for k in keys {
                if let i = k.intValue { out += "[\(i)]" } else { out += out.isEmpty ? k.stringValue : ".\(k.stringValue)" }
            }
            return out
        }
        switch error {
        case .keyNotFound(let key, let ctx):
            return FieldIssue(field: path(ctx.codingPath + [key]), code: "required", message: Strings["v.required"])
        case .typeMismatch(let type, let ctx):
            return FieldIssue(field: path(ctx.codingPath), code: "wrong_type", message: Strings.format("v.wrongType", ["expected": "\(type)"]))
        case .valueNotFound(_, let ctx):
            return FieldIssue(field: path(ctx.codingPath), code: "required", message: Strings["v.required"])
        case .dataCorrupted(let ctx):
            // Enum raw values that don't match land here.
            return FieldIssue(field: path(ctx.codingPath), code: "invalid_value",
                message: Localized(zh: "取值无效：\(ctx.debugDescription)", en: "invalid value: \(ctx.debugDescription)"))
        @unknown default:
            return FieldIssue(field: nil, code: "invalid", message: Strings["problem.validation"])
        }
    }
}

extension ResourceDraft: StrictInput {
    static var nestedKeys: [String: Set<String>] { ["fields": Field.knownKeys, "rules": QualityRule.knownKeys] }
}
