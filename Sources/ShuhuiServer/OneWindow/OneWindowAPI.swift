import Foundation
import Hummingbird
import ShuhuiCore
import ShuhuiStore

extension MatterDraft: StrictInput {}
extension BundleDraft: StrictInput {}
extension IndicatorDraft: StrictInput {}
extension CaseDraft: StrictInput {
    static var knownKeys: Set<String> { ["matterCode", "applicant"] }
}
extension MatterRetireInput: StrictInput {
    static var knownKeys: Set<String> { ["retiredOn", "reason"] }
}
extension SystemJoinInput: StrictInput {
    static var knownKeys: Set<String> { ["planned", "join"] }
}
extension OneWindowTarget: StrictInput {
    static var knownKeys: Set<String> { ["code", "kind", "percent", "deadline", "districts"] }
}
extension TaskDraft: StrictInput {
    static var knownKeys: Set<String> { ["parentID", "title", "organizationID", "owner", "dueOn"] }
}

/// A step taken on a case.
struct CaseActionInput: StrictInput {
    var action: CaseAction
    var reason: String?
    static var knownKeys: Set<String> { ["action", "reason"] }
}

/// An application to a bundle.
struct BundleApplicationInput: StrictInput {
    var applicant: String
    static var knownKeys: Set<String> { ["applicant"] }
}

/// A monthly filing of a task.
struct TaskFilingInput: StrictInput {
    var month: String
    var progress: String
    var done: Bool?
    static var knownKeys: Set<String> { ["month", "progress", "done"] }
}

/// The one-window platform's API: matters, joins and their reports, cases and bundles,
/// indicators, targets and tasks. Every route goes through ``APIRegistry`` so `/openapi.json`
/// describes it.
enum OneWindowAPI {
    static func register(_ api: APIRegistry, store: Store) {
        MatterAPI.register(api, store: store)
        CaseAPI.register(api, store: store)
        IndicatorAPI.register(api, store: store)
    }

    /// `?asOf=YYYY-MM-DD`, nil when absent; a bad date is a 400 naming the parameter.
    static func day(_ req: Request, _ name: String = "asOf") throws -> CalendarDate? {
        guard let text = req.query(name) else { return nil }
        guard let d = CalendarDate(iso: text) else { throw Problem.badRequest(field: name, Strings.format("ow.bad_date", ["value": text])) }
        return d
    }

    /// `?name=true|false`.
    static func bool(_ req: Request, _ name: String) throws -> Bool? {
        guard let text = req.query(name) else { return nil }
        switch text {
        case "true", "1": return true
        case "false", "0": return false
        default: throw Problem.badRequest(field: name, Strings.format("v.invalidValue", ["value": text, "allowed": "true, false"]))
        }
    }

    /// Reads who may see every unit's cases: the bureau's administrators and auditors.
    static func seesAllCases(_ p: Principal) -> Bool { p.role == .admin || p.role == .auditor }
}
