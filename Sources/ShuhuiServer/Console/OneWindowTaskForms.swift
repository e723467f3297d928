import Foundation
import Hummingbird
import HTTPTypes
import ShuhuiCore
import ShuhuiStore

/// Console forms for tasks and sub-tasks with owners (the bureau) and their monthly filings
/// (the responsible unit or the bureau), and for retiring and reinstating matters (as
/// editing a matter: the bureau, or the unit's data officer). Same store calls, and so the
/// same rules, as the API routes.
extension Console {
    static func registerOneWindowTaskForms(_ router: Router<AppContext>, store: Store) {
        router.get("/one-window/tasks") { req, ctx in try await guarded(req, ctx) { p in try await tasksPage(req, ctx, p, store: store) } }
        router.post("/one-window/tasks") { req, ctx in try await guarded(req, ctx) { p in try await createTask(req, ctx, p, store: store) } }
        router.post("/one-window/tasks/{id}/filings") { req, ctx in try await guarded(req, ctx) { p in try await fileTask(req, ctx, p, store: store) } }
        router.post("/one-window/matters/{code}/retire") { req, ctx in
            try await guarded(req, ctx) { p in
                let form = try await PostedForm.read(req, ctx)
                let input = MatterRetireInput(retiredOn: form.optionalText("retiredOn"), reason: form.text("reason"))
                let code = try ctx.parameters.require("code")
                if let failure = try await attempt(ctx, labels: retireLabels, { _ = try await store.retireMatter(code: code, input, by: p) }) {
                    return try await mattersPage(req, ctx, p, store: store, failure: failure)
                }
                return redirect("/one-window/matters?status=retired")
            }
        }
        router.post("/one-window/matters/{code}/reinstate") { req, ctx in
            try await guarded(req, ctx) { p in
                _ = try await PostedForm.read(req, ctx)
                let code = try ctx.parameters.require("code")
                if let failure = try await attempt(ctx, labels: [:], { _ = try await store.reinstateMatter(code: code, by: p) }) {
                    return try await mattersPage(req, ctx, p, store: store, failure: failure)
                }
                return redirect("/one-window/matters")
            }
        }
    }

    static let retireLabels = ["retiredOn": "ow.form.retiredOn", "reason": "ow.form.retireReason"]
    static let taskLabels = ["title": "ow.form.title", "owner": "ow.form.owner", "dueOn": "ow.form.deadline", "organizationID": "ow.form.unit",
                             "parentID": "ow.form.parent", "month": "ow.form.month", "progress": "ow.form.progress"]

    /// The month shown: `?month=` (or the form's), else this one.
    static func taskMonth(_ req: Request, _ form: PostedForm?) -> String {
        form?.optionalText("month") ?? req.query("month") ?? String(CalendarDate.today().description.prefix(7))
    }

    static func tasksPage(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store, form: PostedForm? = nil, failure: FormFailure? = nil) async throws -> Response {
        var data = formData(form, failure)
        let month = taskMonth(req, form)
        let board = try await store.taskBoard(month: month, today: CalendarDate.today())
        data["month"] = month
        data["summary"] = "\(board.tasks) / \(board.subtasks) · \(label("ow.col.filed", ctx)) \(board.filed) · \(label("ow.col.overdue", ctx)) \(board.overdue)"
        data["items"] = board.items.map { t in
            ["id": t.id, "title": t.title, "sub": t.parentID != nil, "unit": t.organizationName, "owner": t.owner, "due": t.dueOn, "done": t.doneOn ?? "",
             "filed": t.filed, "progress": t.progress ?? "", "overdue": t.overdue,
             // The filing form shows where the store would accept it (AccessPolicy.canEdit, as fileTask asks).
             "mayFile": (try? AccessPolicy.canEdit(ownedBy: t.organizationID, p)) != nil] as [String: Any]
        }
        data["empty"] = board.items.isEmpty
        if managesOneWindow(p) {
            let values = form?.values ?? [:]
            data["mayManage"] = true
            data["orgOptions"] = orgOptions(try await store.organizations(), selected: values["organizationID"].flatMap { Int64($0) })
            data["parents"] = board.items.filter { $0.parentID == nil }.map { ["id": $0.id, "title": $0.title, "selected": values["parentID"] == String($0.id)] as [String: Any] }
        }
        return page("oneWindowTasks", title: label("ow.title.tasks", ctx), req, ctx, data: data, status: failure?.status ?? .ok)
    }

    static func createTask(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store) async throws -> Response {
        var form = try await PostedForm.read(req, ctx)
        let parent = form.int("parentID", label: "ow.form.parent")
        let unit = form.int("organizationID", label: "ow.form.unit", required: true)
        if let failure = FormFailure.unreadable(form) { return try await tasksPage(req, ctx, p, store: store, form: form, failure: failure) }
        let draft = TaskDraft(parentID: parent.map(Int64.init), title: form.text("title"), organizationID: Int64(unit ?? 0), owner: form.text("owner"), dueOn: form.text("dueOn"))
        if let failure = try await attempt(ctx, labels: taskLabels, { _ = try await store.createTask(draft, by: p) }) {
            return try await tasksPage(req, ctx, p, store: store, form: form, failure: failure)
        }
        return redirect("/one-window/tasks")
    }

    static func fileTask(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store) async throws -> Response {
        let form = try await PostedForm.read(req, ctx)
        let id = try ctx.parameters.require("id", as: Int64.self)
        let month = form.text("month")
        if let failure = try await attempt(ctx, labels: taskLabels, {
            try await store.fileTask(id: id, month: month, progress: form.text("progress"), done: form.checked("done"), by: p)
        }) {
            return try await tasksPage(req, ctx, p, store: store, form: form, failure: failure)
        }
        return redirect("/one-window/tasks?month=\(month.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
    }
}
