import Foundation
import Hummingbird
import HTTPTypes
import Logging
import NIOCore
import ShuhuiCore
import ShuhuiStore

/// Turns every error into a problem+json response, so no handler has to, and an unexpected
/// error becomes a logged 500 whose body gives nothing away.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = AppContext

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        context.language = Self.language(request)
        do {
            return try await next(request, context)
        } catch {
            let problem = Self.problem(for: error, logger: context.logger)
            return problem.response(language: context.language, instance: request.uri.path)
        }
    }

    /// `?lang=`, then the `lang` cookie; then, for API clients, `Accept-Language`. The console
    /// is Chinese unless its reader switched (a browser's English default must not decide).
    static func language(_ request: Request) -> Language {
        if let q = request.uri.queryParameters["lang"].map(String.init) { return Language.negotiate(q) }
        if let c = request.cookies["lang"]?.value { return Language.negotiate(c) }
        guard request.uri.path.hasPrefix("/api/") else { return .zh }
        return Language.negotiate(request.headers[.acceptLanguage])
    }

    static func problem(for error: any Error, logger: Logger) -> Problem {
        switch error {
        case let p as Problem:
            return p
        case let failure as ValidationFailure:
            return .validation(failure.issues)
        case let denial as AccessDenial:
            return .forbidden(denial)
        case let denial as CaseIntakeDenial:
            return .intake(denial)
        case let denial as OpenDenial:
            return .open(denial)
        case let e as StoreError:
            switch e {
            case .notFound(let what): return .notFound(what)
            case .invalid(let failure): return .validation(failure.issues)
            case .duplicate(let field, let value):
                let message = Strings.format("problem.detail.duplicate", ["what": "\(field) “\(value)”"])
                return Problem(status: .conflict, kind: "conflict", titleKey: "problem.conflict", detail: message,
                    errors: [FieldIssue(field: field, code: "duplicate", message: Strings.format("v.duplicate", ["value": value]))])
            case .inUse(let what):
                return Problem(status: .conflict, kind: "conflict", titleKey: "problem.conflict", detail: Strings["v.hasChildren"],
                    errors: [FieldIssue(field: nil, code: "in_use", message: Localized(zh: "仍被引用：\(what)", en: "still referenced: \(what)"))])
            case .conflict(let message):
                return Problem(status: .conflict, kind: "conflict", titleKey: "problem.conflict", detail: message,
                    errors: [FieldIssue(field: nil, code: "state", message: message)])
            }
        case let e as CatalogImportError:
            switch e {
            case .invalid(let issues):
                var p = Problem.validation(issues)
                p.detail = Strings.format("import.failed", ["count": String(issues.count)])
                return p
            case .forbidden(let issues):
                return Problem(status: .forbidden, kind: "forbidden", titleKey: "problem.forbidden",
                    detail: issues.first?.message ?? Strings["problem.forbidden"], errors: issues)
            }
        case let e as IngestError:
            switch e {
            case .malformed(let issues):
                var p = Problem.validation(issues)
                p.status = .badRequest
                p.kind = "malformed-batch"
                p.detail = Localized(zh: "批次无法读取（\(issues.count) 处），未存储任何记录。", en: "The batch cannot be read (\(issues.count) problems); nothing was stored.")
                return p
            }
        case is NIOTooManyBytesError:
            return Problem(status: .contentTooLarge, kind: "too-large", titleKey: "problem.tooLarge",
                detail: Localized(zh: "请求体超过上限。", en: "The body exceeds the limit."))
        case let e as HTTPError:
            switch e.status {
            case .notFound: return .notFound(e.body ?? "route")
            case .methodNotAllowed:
                return Problem(status: .methodNotAllowed, kind: "method-not-allowed", titleKey: "problem.methodNotAllowed", detail: Strings["problem.methodNotAllowed"])
            case .contentTooLarge:
                return Problem(status: .contentTooLarge, kind: "too-large", titleKey: "problem.tooLarge", detail: Localized(zh: "请求体超过上限。", en: "The body exceeds the limit."))
            default:
                let text = e.body ?? e.status.reasonPhrase
                return Problem(status: e.status, kind: "http-\(e.status.code)", titleKey: "problem.badRequest", detail: Localized(zh: text, en: text))
            }
        case let e as any HTTPResponseError where (400..<500).contains(Int(e.status.code)):
            let text = e.status.reasonPhrase
            return Problem(status: e.status, kind: "http-\(e.status.code)", titleKey: "problem.badRequest", detail: Localized(zh: text, en: text))
        default:
            logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return Problem(status: .internalServerError, kind: "internal", titleKey: "problem.internal", detail: Strings["problem.detail.internal"])
        }
    }
}
