import Foundation
import Hummingbird
import HTTPTypes
import ShuhuiCore

/// An RFC 9457 problem: every error a client sees, in `application/problem+json`, with the
/// message in zh-CN and English and, for bad input, every field (or sheet/row/column) at fault.
public struct Problem: Error, Sendable {
    /// HTTP status.
    public var status: HTTPResponse.Status
    /// Short kind, used in the `type` URI: `validation`, `forbidden` …
    public var kind: String
    /// Title key in the string table.
    public var titleKey: String
    /// The specific explanation.
    public var detail: Localized
    /// Field-level problems, if any.
    public var errors: [FieldIssue] = []
    /// Extra headers (e.g. `WWW-Authenticate`).
    public var headers: HTTPFields = [:]

    /// Creates a problem.
    public init(status: HTTPResponse.Status, kind: String, titleKey: String, detail: Localized, errors: [FieldIssue] = []) {
        self.status = status
        self.kind = kind
        self.titleKey = titleKey
        self.detail = detail
        self.errors = errors
    }

    static func unauthorized() -> Problem {
        var p = Problem(status: .unauthorized, kind: "unauthorized", titleKey: "problem.unauthorized", detail: Strings["problem.detail.noToken"])
        p.headers[.wwwAuthenticate] = "Bearer realm=\"shuhui\""
        return p
    }

    static func forbidden(_ denial: AccessDenial, unitName: String? = nil) -> Problem {
        switch denial {
        case .role(let role):
            Problem(status: .forbidden, kind: "forbidden", titleKey: "problem.forbidden",
                detail: Strings.format("problem.detail.role", localized: ["role": Strings["role.\(role.rawValue)"]]))
        case .scope:
            Problem(status: .forbidden, kind: "forbidden", titleKey: "problem.forbidden",
                detail: Strings.format("problem.detail.scope", ["unit": unitName ?? "-"]))
        }
    }

    /// A joined system's case refused at the gateway (403, naming the matter where it is about one).
    static func intake(_ denial: CaseIntakeDenial) -> Problem {
        let detail: Localized
        var field = "matterCode"
        switch denial {
        case .notMatterSystem(let matter): detail = Strings.format("ow.intake.not_matter_system", ["matter": matter])
        case .matterNotJoined(let matter): detail = Strings.format("ow.intake.matter_not_joined", ["matter": matter])
        case .systemNotJoined:
            detail = Strings["ow.intake.system_not_joined"]
            field = "X-App-Key"
        }
        return Problem(status: .forbidden, kind: "forbidden", titleKey: "problem.forbidden", detail: detail,
                       errors: [FieldIssue(field: field, code: "intake_denied", message: detail)])
    }

    static func notFound(_ what: String) -> Problem {
        Problem(status: .notFound, kind: "not-found", titleKey: "problem.notFound", detail: Strings.format("problem.detail.notFound", ["what": what]))
    }

    static func validation(_ issues: [FieldIssue]) -> Problem {
        Problem(status: .unprocessableContent, kind: "validation", titleKey: "problem.validation",
            detail: Strings.format("problem.detail.validation", ["count": String(issues.count)]), errors: issues)
    }

    static func badRequest(field: String?, _ message: Localized) -> Problem {
        Problem(status: .badRequest, kind: "bad-request", titleKey: "problem.badRequest", detail: message,
            errors: [FieldIssue(field: field, code: "bad_request", message: message)])
    }

    /// The JSON body, in `language` for `title` and `detail`, both languages under `messages`.
    func body(language: Language, instance: String) -> [String: Any] {
        var body: [String: Any] = [
            "type": "https://shuhui.example/problems/\(kind)",
            "title": Strings[titleKey].text(language),
            "status": Int(status.code),
            "detail": detail.text(language),
            "instance": instance,
            "messages": ["zh-CN": detail.zh, "en": detail.en],
        ]
        if !errors.isEmpty {
            body["errors"] = errors.map { issue -> [String: Any] in
                var e: [String: Any] = ["code": issue.code, "message": issue.message.text(language),
                                        "messages": ["zh-CN": issue.message.zh, "en": issue.message.en]]
                if let f = issue.field { e["field"] = f }
                if let s = issue.sheet { e["sheet"] = s }
                if let r = issue.row { e["row"] = r }
                if let c = issue.column { e["column"] = c }
                return e
            }
        }
        return body
    }

    /// The HTTP response.
    func response(language: Language, instance: String) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: body(language: language, instance: instance), options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        var headers = self.headers
        headers[.contentType] = "application/problem+json; charset=utf-8"
        headers[.contentLanguage] = language.rawValue
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
