import Foundation
import Hummingbird
import HTTPTypes
import ShuhuiCore
import ShuhuiStore

/// A posted console form, read at the edge: the CSRF token checked, text trimmed, numbers
/// parsed, and each unreadable number kept as a message to show on the form again.
struct PostedForm {
    /// The fields as posted.
    var values: [String: String]
    /// What could not be read, in the reader's language.
    var errors: [String] = []
    let language: Language

    /// Reads a URL-encoded body and checks its CSRF token (403 problem when it is wrong).
    static func read(_ req: Request, _ ctx: AppContext) async throws -> PostedForm {
        let values = URLEncodedForm.parse(try await CatalogAPI.collect(req, limit: 64 << 10))
        try Console.checkCSRF(values["_csrf"], ctx)
        return PostedForm(values: values, language: ctx.language)
    }

    /// A field, trimmed ("" when absent).
    func text(_ name: String) -> String { (values[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    /// A field left empty is nil.
    func optionalText(_ name: String) -> String? {
        let t = text(name)
        return t.isEmpty ? nil : t
    }

    /// Whether a checkbox was ticked.
    func checked(_ name: String) -> Bool { values[name] != nil }

    /// A whole number; nil when empty (noted when `required`) or unreadable (noted).
    mutating func int(_ name: String, label key: String, required: Bool = false) -> Int? {
        let t = text(name)
        let label = Strings[key].text(language)
        if t.isEmpty {
            if required { errors.append(Self.fieldMessage(label, Strings["v.required"].text(language), language)) }
            return nil
        }
        guard let n = Int(t) else {
            errors.append(Strings.format("ow.form.bad_integer", ["field": label, "value": t]).text(language))
            return nil
        }
        return n
    }

    /// "field: message" in `language`.
    static func fieldMessage(_ field: String, _ message: String, _ language: Language) -> String {
        Strings.format("ow.form.fieldMessage", ["field": field, "message": message]).text(language)
    }

    /// One of an enumeration's raw values; nil (noted) for anything else.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) -> T? where T.RawValue == String {
        let t = text(name)
        guard let v = T(rawValue: t) else {
            errors.append(Strings.format("v.invalidValue", ["value": t, "allowed": T.allCases.map(\.rawValue).joined(separator: ", ")]).text(language))
            return nil
        }
        return v
    }
}

/// Why a form's store call was refused: the status the API would answer with and the
/// messages to list above the form.
struct FormFailure {
    var status: HTTPResponse.Status
    var messages: [String]

    /// The failure of a form whose fields could not be read.
    static func unreadable(_ form: PostedForm) -> FormFailure? {
        form.errors.isEmpty ? nil : FormFailure(status: .unprocessableContent, messages: form.errors)
    }

    /// For a template: `failure.messages`.
    var templateData: [String: Any] { ["messages": messages] }
}

extension Console {
    /// Runs the store call a form stands for. A refusal the API answers with a 4xx —
    /// validation, access, conflict, not found — comes back as a ``FormFailure`` whose messages
    /// name the field by its label on the form (`labels`: JSON field → string key); anything
    /// else propagates. The store calls are single transactions, so a refusal leaves nothing
    /// half-applied.
    static func attempt(_ ctx: AppContext, labels: [String: String], _ body: () async throws -> Void) async throws -> FormFailure? {
        do {
            try await body()
            return nil
        } catch {
            let problem = ProblemMiddleware.problem(for: error, logger: ctx.logger)
            guard (400..<500).contains(Int(problem.status.code)) else { throw error }
            let lang = ctx.language
            let messages = problem.errors.isEmpty ? [problem.detail.text(lang)] : problem.errors.map { issue -> String in
                let root = issue.field.map { String($0.prefix { $0 != "[" && $0 != "." }) }
                guard let key = root.flatMap({ labels[$0] }) else { return issue.message.text(lang) }
                return PostedForm.fieldMessage(Strings[key].text(lang), issue.message.text(lang), lang)
            }
            return FormFailure(status: problem.status, messages: messages)
        }
    }
}
