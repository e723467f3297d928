import Foundation
import Hummingbird
import HTTPTypes
import ShuhuiCore
import ShuhuiStore

/// Console forms of the one-window platform for what the bureau defines: one-thing bundles
/// (一件事) over matters of several units, indicators (with an optional `a / b` formula) and
/// targets with deadlines. Each form posts with the session's CSRF token and calls the store
/// function its API route calls, so access and validation are the API's; a refusal shows the
/// page again with its message and the values entered.
extension Console {
    static func registerOneWindowForms(_ router: Router<AppContext>, store: Store) {
        router.get("/one-window/bundles") { req, ctx in try await guarded(req, ctx) { p in try await bundlesPage(req, ctx, p, store: store) } }
        router.post("/one-window/bundles") { req, ctx in try await guarded(req, ctx) { p in try await createBundle(req, ctx, p, store: store) } }
        router.get("/one-window/indicators/definitions") { req, ctx in
            try await guarded(req, ctx) { p in try await definitionsPage(req, ctx, p, store: store) }
        }
        router.post("/one-window/indicators/definitions") { req, ctx in
            try await guarded(req, ctx) { p in try await saveIndicator(req, ctx, p, store: store) }
        }
        router.get("/one-window/targets") { req, ctx in try await guarded(req, ctx) { p in try await targetsPage(req, ctx, p, store: store) } }
        router.post("/one-window/targets") { req, ctx in try await guarded(req, ctx) { p in try await saveTarget(req, ctx, p, store: store) } }
        registerOneWindowTaskForms(router, store: store)
    }

    /// Whether `p` may use the bureau's forms (the API asks the same question).
    static func managesOneWindow(_ p: Principal) -> Bool { (try? AccessPolicy.canManageOneWindow(p)) != nil }

    /// The common part of a form page: the values to show again and the failure, if any.
    static func formData(_ form: PostedForm?, _ failure: FormFailure?) -> [String: Any] {
        var data: [String: Any] = ["form": form?.values ?? [:]]
        if let failure { data["failure"] = failure.templateData }
        return data
    }

    // MARK: Bundles

    static let bundleLabels = ["code": "ow.form.code", "name": "ow.form.name", "organizationID": "ow.form.leadUnit", "matterCodes": "ow.form.matters"]

    static func bundlesPage(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store, form: PostedForm? = nil, failure: FormFailure? = nil) async throws -> Response {
        var data = formData(form, failure)
        let bundles = try await store.bundles()
        data["items"] = bundles.map { b in
            ["code": b.code, "name": b.name, "unit": b.organizationName, "matters": b.matters.map { "\($0.organizationName) · \($0.name)" }.joined(separator: "、"),
             "count": b.matters.count, "applications": b.applications, "completed": b.completed] as [String: Any]
        }
        data["empty"] = bundles.isEmpty
        if managesOneWindow(p) {
            let values = form?.values ?? [:]
            data["mayManage"] = true
            data["orgOptions"] = orgOptions(try await store.organizations(), selected: values["organizationID"].flatMap { Int64($0) })
            data["audiences"] = options(MatterAudience.self, prefix: "ow.audience", selected: values["audience"] ?? MatterAudience.person.rawValue, ctx)
            data["matters"] = try await store.mattersInForce(on: CalendarDate.today()).map { m in
                ["code": m.draft.code, "name": m.draft.name, "unit": m.organizationName, "checked": values["matter_\(m.draft.code)"] != nil] as [String: Any]
            }
        }
        return page("oneWindowBundles", title: label("ow.title.bundles", ctx), req, ctx, data: data, status: failure?.status ?? .ok)
    }

    static func createBundle(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store) async throws -> Response {
        var form = try await PostedForm.read(req, ctx)
        let unit = form.int("organizationID", label: "ow.form.leadUnit", required: true)
        let audience = form.choice("audience", MatterAudience.self)
        let codes = form.values.keys.filter { $0.hasPrefix("matter_") }.map { String($0.dropFirst("matter_".count)) }.sorted()
        if let failure = FormFailure.unreadable(form) { return try await bundlesPage(req, ctx, p, store: store, form: form, failure: failure) }
        let draft = BundleDraft(code: form.text("code"), name: form.text("name"), organizationID: Int64(unit ?? 0), audience: audience ?? .person, matterCodes: codes)
        if let failure = try await attempt(ctx, labels: bundleLabels, { _ = try await store.createBundle(draft, by: p) }) {
            return try await bundlesPage(req, ctx, p, store: store, form: form, failure: failure)
        }
        return redirect("/one-window/bundles")
    }

    // MARK: Indicator definitions

    static let indicatorLabels = ["code": "ow.form.code", "name": "ow.form.name", "decimals": "ow.form.decimals", "formula": "ow.form.formula"]

    static func definitionsPage(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store, form: PostedForm? = nil, failure: FormFailure? = nil) async throws -> Response {
        let indicators = try await store.indicators()
        var values = form?.values ?? [:]
        // `?code=` fills the form with a defined indicator to change it.
        if form == nil, let code = req.query("code"), let d = indicators.first(where: { $0.draft.code == code })?.draft {
            values = ["code": d.code, "name": d.name, "unitOfMeasure": d.unitOfMeasure, "period": d.period.rawValue, "better": d.higherIsBetter ? "higher" : "lower",
                      "decimals": String(d.decimals), "formula": d.formula ?? ""]
            if d.percent { values["percent"] = "on" }
        }
        var data = formData(form, failure)
        data["form"] = values
        data["items"] = indicators.map { i in
            let d = i.draft
            return ["code": d.code, "name": d.name, "unitOfMeasure": d.unitOfMeasure, "period": label("ow.period.\(d.period.rawValue)", ctx),
                    "better": label(d.higherIsBetter ? "ow.better.higher" : "ow.better.lower", ctx), "percent": d.percent, "decimals": d.decimals,
                    "formula": d.formula ?? ""] as [String: Any]
        }
        data["empty"] = indicators.isEmpty
        data["mayManage"] = managesOneWindow(p)
        data["periods"] = options(IndicatorPeriodKind.self, prefix: "ow.period", selected: values["period"] ?? IndicatorPeriodKind.week.rawValue, ctx)
        data["lower"] = values["better"] == "lower"
        data["percentChecked"] = values["percent"] != nil
        return page("oneWindowDefinitions", title: label("ow.title.definitions", ctx), req, ctx, data: data, status: failure?.status ?? .ok)
    }

    static func saveIndicator(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store) async throws -> Response {
        var form = try await PostedForm.read(req, ctx)
        let period = form.choice("period", IndicatorPeriodKind.self)
        let decimals = form.int("decimals", label: "ow.form.decimals")
        let better = form.text("better")
        if better != "higher" && better != "lower" {
            form.errors.append(Strings.format("v.invalidValue", ["value": better, "allowed": "higher, lower"]).text(ctx.language))
        }
        if let failure = FormFailure.unreadable(form) { return try await definitionsPage(req, ctx, p, store: store, form: form, failure: failure) }
        let draft = IndicatorDraft(code: form.text("code"), name: form.text("name"), unitOfMeasure: form.text("unitOfMeasure"), period: period ?? .week,
                                   higherIsBetter: better == "higher", percent: form.checked("percent"), decimals: decimals ?? 0, formula: form.optionalText("formula"))
        if let failure = try await attempt(ctx, labels: indicatorLabels, { _ = try await store.saveIndicator(draft, by: p) }) {
            return try await definitionsPage(req, ctx, p, store: store, form: form, failure: failure)
        }
        return redirect("/one-window/indicators/definitions")
    }

    // MARK: Targets

    static let targetLabels = ["code": "ow.form.code", "percent": "ow.form.goal", "deadline": "ow.form.deadline", "districts": "ow.form.districts"]

    static func targetsPage(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store, form: PostedForm? = nil, failure: FormFailure? = nil) async throws -> Response {
        var data = formData(form, failure)
        let progress = try await store.targetProgress(today: CalendarDate.today())
        data["items"] = progress.map { t in
            ["code": t.target.code, "label": label("ow.target.\(t.target.kind.rawValue)", ctx), "scope": t.scope, "deadline": t.target.deadline,
             "goal": "\(t.target.percent)%", "rate": t.rate.formatted(), "met": t.met, "overdue": t.overdue, "daysLeft": t.daysLeft] as [String: Any]
        }
        data["empty"] = progress.isEmpty
        data["mayManage"] = managesOneWindow(p)
        data["kinds"] = options(OneWindowTarget.Kind.self, prefix: "ow.target", selected: form?.values["kind"], ctx)
        return page("oneWindowTargets", title: label("ow.title.targets", ctx), req, ctx, data: data, status: failure?.status ?? .ok)
    }

    static func saveTarget(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store) async throws -> Response {
        var form = try await PostedForm.read(req, ctx)
        let kind = form.choice("kind", OneWindowTarget.Kind.self)
        let percent = form.int("percent", label: "ow.form.goal", required: true)
        if let failure = FormFailure.unreadable(form) { return try await targetsPage(req, ctx, p, store: store, form: form, failure: failure) }
        let target = OneWindowTarget(code: form.text("code"), kind: kind ?? .top100Joined, percent: percent ?? 0, deadline: form.text("deadline"),
                                     districts: CatalogTemplate.list(form.text("districts")))
        if let failure = try await attempt(ctx, labels: targetLabels, { _ = try await store.saveTarget(target, by: p) }) {
            return try await targetsPage(req, ctx, p, store: store, form: form, failure: failure)
        }
        return redirect("/one-window/targets")
    }
}
