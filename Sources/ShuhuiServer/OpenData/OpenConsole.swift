import Foundation
import Hummingbird
import ShuhuiCore
import ShuhuiStore

/// The console's open-data page (`/open-data`): a unit's approvers and data officers decide
/// restricted applications for their datasets and publish new versions; the bureau also
/// reviews showcased apps. Everyone signed in sees usage per unit and day.
extension Console {
    static func registerOpenData(_ router: Router<AppContext>, store: Store) {
        router.get("/open-data") { req, ctx in try await guarded(req, ctx) { p in try await openDataPage(req, ctx, p, store: store) } }
        router.post("/open-data/applications/{id}") { req, ctx in
            try await guarded(req, ctx) { p in
                let form = URLEncodedForm.parse(try await CatalogAPI.collect(req, limit: 64 << 10))
                try checkCSRF(form["_csrf"], ctx)
                _ = try await store.decideApplication(id: try ctx.parameters.require("id", as: Int64.self), approve: form["decision"] == "approve",
                                                      reason: form["reason"] ?? "", by: p)
                return redirect("/open-data#applications")
            }
        }
        router.post("/open-data/apps/{id}") { req, ctx in
            try await guarded(req, ctx) { p in
                let form = URLEncodedForm.parse(try await CatalogAPI.collect(req, limit: 64 << 10))
                try checkCSRF(form["_csrf"], ctx)
                _ = try await store.reviewApp(id: try ctx.parameters.require("id", as: Int64.self), approve: form["decision"] == "approve", reason: form["reason"] ?? "", by: p)
                return redirect("/open-data#apps")
            }
        }
        router.post("/open-data/publish") { req, ctx in
            try await guarded(req, ctx) { p in
                let form = URLEncodedForm.parse(try await CatalogAPI.collect(req, limit: 64 << 10))
                try checkCSRF(form["_csrf"], ctx)
                try await store.publishOpenDataset(code: form["code"] ?? "", by: p)
                return redirect("/open-data#publish")
            }
        }
    }

    static func openDataPage(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store) async throws -> Response {
        let bureau = p.role == .admin || p.role == .auditor
        let unit = bureau ? nil : (p.organizationID ?? -1)
        let csrf = csrfToken(ctx)
        let applications = try await store.openApplications(providerID: unit).map { a -> [String: Any] in
            ["id": a.id, "datasetName": a.datasetName, "datasetTitle": a.datasetTitle, "developerName": a.developerName, "purpose": a.purpose,
             "stateLabel": label("open.review.\(a.state.rawValue)", ctx), "reason": a.reason, "csrf": csrf,
             "pending": a.state == .pending && (p.role == .admin || [.officer, .approver].contains(p.role))]
        }
        let datasets = Dictionary(try await store.openDatasets().map { ($0.resource.code, $0) }, uniquingKeysWith: { a, _ in a })
        let mayPublish = p.role == .admin || p.role == .officer
        var resources: [[String: Any]] = []
        if mayPublish {
            for r in try await store.resources(providerID: unit) {
                guard let access = OpenPolicy.access(r) else { continue }
                let version = datasets[r.code].map { "v\($0.latest.version) · \($0.latest.rowCount)" } ?? "-"
                resources.append(["code": r.code, "name": r.draft.name, "accessLabel": label("open.access.\(access.rawValue)", ctx),
                                  "version": version, "csrf": csrf])
            }
        }
        let names = Dictionary(try await store.organizations().map { ($0.id, $0.shortName) }, uniquingKeysWith: { a, _ in a })
        let usage = try await store.openUsageByUnit(days: 30).filter { unit == nil || $0.providerID == unit }.map { u -> [String: Any] in
            ["day": u.day, "unit": names[u.providerID] ?? "-", "views": u.views, "downloads": u.downloads, "calls": u.calls]
        }
        var data: [String: Any] = ["applications": applications, "resources": resources, "usage": usage]
        if p.role == .admin {
            data["admin"] = true
            data["apps"] = try await store.openApps().map { a -> [String: Any] in
                ["id": a.id, "name": a.name, "developerName": a.developerName, "url": a.url, "stateLabel": label("open.review.\(a.state.rawValue)", ctx),
                 "pending": a.state == .pending, "csrf": csrf]
            }
        }
        return page("openData", title: label("nav.open", ctx), req, ctx, data: data)
    }
}
