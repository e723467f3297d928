import Foundation
import Hummingbird
import Mustache
import ShuhuiCore
import ShuhuiStore

extension Console {
    static func qualityPage(_ req: Request, _ ctx: AppContext, store: Store) async throws -> Response {
        let s = try await store.qualitySummary()
        let tiles: [[String: Any]] = [
            ["value": s.score.map { String(format: "%.1f", $0) } ?? "—", "label": label("quality.score", ctx)],
            ["value": String(format: "%.1f%%", s.governanceProgress * 100), "label": label("quality.governance", ctx)],
            ["value": "\(s.collectedResources)/\(s.resources)", "label": label("quality.collected", ctx)],
            ["value": s.governedResources, "label": label("quality.governed", ctx)],
            ["value": s.units.reduce(0) { $0 + $1.openProblems }, "label": label("quality.openProblems", ctx)],
        ]
        let bars = QualityDimension.allCases.compactMap { d -> (String, Int)? in
            guard let t = s.dimensions[d], t.checked > 0 else { return nil }
            return (label("dim.\(d.rawValue)", ctx), Int((t.passRate * 100).rounded()))
        }
        let data: [String: Any] = [
            "tiles": tiles, "chart": SVGChart.bars(bars, title: label("quality.byDimension", ctx)),
            "units": s.units.filter { $0.collectedResources > 0 || $0.openProblems > 0 }.map { u in
                ["organizationID": u.organizationID, "organizationName": u.organizationName, "resources": u.resources,
                 "collectedResources": u.collectedResources, "score": u.score.map { String(format: "%.1f", $0) } ?? "—",
                 "rowsCollected": u.rowsCollected, "openProblems": u.openProblems] as [String: Any]
            },
        ]
        return page("quality", title: label("quality.title", ctx), req, ctx, data: data)
    }

    /// The collection part of a resource's page: quality, batches, and — for its provider and
    /// the bureau — the open problem rows.
    static func dataSection(_ r: Resource, _ ctx: AppContext, store: Store) async throws -> String {
        let q = try await store.quality(code: r.code)
        let batches = try await store.batches(code: r.code, page: PageRequest(limit: 10))
        let p = ctx.principal
        let canSee = p?.role == .admin || p?.role == .auditor || (p?.role == .officer && p?.organizationID == r.draft.providerID)
        let problems = canSee ? try await store.problems(code: r.code, page: PageRequest(limit: 50)) : nil
        let bars = QualityDimension.allCases.compactMap { d -> (String, Int)? in
            guard let t = q.dimensions[d], t.checked > 0 else { return nil }
            return (label("dim.\(d.rawValue)", ctx), Int((t.passRate * 100).rounded()))
        }
        var data: [String: Any] = [
            "t": tables[ctx.language] ?? [:], "code": r.code, "hasBatches": batches.total > 0,
            "chart": SVGChart.bars(bars, title: label("quality.byDimension", ctx)),
            "worst": q.worstRules.map { ["label": "\($0.field.map { $0 + " · " } ?? "")\(label("rule.\($0.rule)", ctx)) (\(label("dim.\($0.dimension.rawValue)", ctx)))", "count": $0.openProblems] },
            "batches": batches.items.map { b in
                ["id": b.id, "startedAt": formatDate(b.startedAt), "actorName": b.actorName, "mode": b.mode.rawValue, "format": b.format.rawValue,
                 "statusLabel": label("batch.status.\(b.status)", ctx), "error": b.error ?? "", "rowsTotal": b.rowsTotal,
                 "rowsStored": b.rowsStored, "problemRows": b.problemRows, "bytes": b.bytes] as [String: Any]
            },
            "canSeeProblems": canSee, "hasProblems": (problems?.total ?? 0) > 0, "problemTotal": problems?.total ?? 0,
            "problems": (problems?.items ?? []).map { x in
                ["rowNumber": x.rowNumber, "key": x.key ?? "", "field": x.field ?? "", "rule": label("rule.\(x.rule)", ctx),
                 "dimensionLabel": label("dim.\(x.dimension.rawValue)", ctx), "value": x.value ?? "", "message": x.message.text(ctx.language)] as [String: Any]
            },
        ]
        if let score = q.score { data["score"] = String(format: "%.1f", score) }
        if let timely = q.timely { data["timelyLabel"] = label(timely ? "quality.timely" : "quality.late", ctx) }
        return library.render(data, withTemplate: "resourceData") ?? ""
    }
}
