import Foundation
import ShuhuiCore

/// The demo city's one-window records: matters of a few units (some joined, some online,
/// some exceptions), systems planned and joined, cases in every kind of state over the last
/// two weeks, two bundles, the messaging-app indicators of the July 2018 bulletin (附件 3 and
/// part of 附件 2) for two weeks, the work points' targets and a few tasks. Deterministic: the
/// same records every time (case days are counted back from the day it is loaded).
enum DemoOneWindow {
    private struct M {
        var code, name: String
        var kind: MatterKind
        var unit: String
        var level: MatterLevel = .municipal
        var legal, promised, volume: Int
        var top100 = false, online = true, nearby = false
        var exception: OnlineException? = nil
        var joined: String? = nil
        var mode: JoinMode? = nil
        var audience: MatterAudience = .person
    }

    private static let matters: [M] = [
        M(code: "330100-QR-GA-001", name: "居民身份证申领", kind: .confirmation, unit: "市公安局", legal: 60, promised: 15, volume: 185_000, top100: true, nearby: true, joined: "2018-04-10", mode: .platformForm),
        M(code: "330100-QR-GA-002", name: "户口迁移登记", kind: .confirmation, unit: "市公安局", legal: 20, promised: 5, volume: 92_000, top100: true, joined: "2018-04-10", mode: .platformForm),
        M(code: "330100-XK-GA-003", name: "机动车驾驶证申领", kind: .licence, unit: "市公安局", legal: 20, promised: 10, volume: 76_000, top100: true, online: false, exception: .upperSystem),
        M(code: "330100-GG-RS-001", name: "失业登记", kind: .publicService, unit: "市人力社保局", legal: 5, promised: 1, volume: 54_000, top100: true, joined: "2018-05-15", mode: .ownSystemForm),
        M(code: "330100-JF-RS-002", name: "基本养老保险待遇核定", kind: .payment, unit: "市人力社保局", legal: 20, promised: 10, volume: 31_000, top100: true, joined: "2018-05-15", mode: .ownSystemForm),
        M(code: "330100-QR-RS-003", name: "就业困难人员认定", kind: .confirmation, unit: "市人力社保局", legal: 20, promised: 7, volume: 8_800),
        M(code: "330100-XK-SC-001", name: "食品经营许可", kind: .licence, unit: "市市场监管局", legal: 20, promised: 7, volume: 48_000, top100: true, joined: "2018-04-10", mode: .platformForm, audience: .legalEntity),
        M(code: "330100-XK-SC-002", name: "药品零售企业许可", kind: .licence, unit: "市市场监管局", legal: 30, promised: 15, volume: 2_100, audience: .legalEntity),
        M(code: "330100-QR-SC-003", name: "企业设立登记", kind: .confirmation, unit: "市市场监管局", legal: 15, promised: 3, volume: 120_000, top100: true, joined: "2018-04-10", mode: .platformForm, audience: .legalEntity),
        M(code: "330100-QR-MZ-001", name: "婚姻登记", kind: .confirmation, unit: "市民政局", legal: 1, promised: 1, volume: 26_000, top100: true, online: false, exception: .law, joined: "2018-06-01", mode: .platformForm),
        M(code: "330100-JF-MZ-002", name: "最低生活保障", kind: .payment, unit: "市民政局", legal: 30, promised: 20, volume: 6_400, joined: "2018-06-01", mode: .platformForm),
        M(code: "330100-GG-WJ-001", name: "出生医学证明办理", kind: .publicService, unit: "市卫生计生委", legal: 10, promised: 5, volume: 23_000, top100: true, joined: "2018-05-20", mode: .ownSystemForm),
        M(code: "330100-XK-WJ-002", name: "医师执业注册", kind: .licence, unit: "市卫生计生委", legal: 20, promised: 10, volume: 4_200, online: false, audience: .both),
        M(code: "330106-GG-XH-001", name: "居住证申领", kind: .publicService, unit: "西湖区", level: .district, legal: 15, promised: 7, volume: 15_000, nearby: true, joined: "2018-06-20", mode: .platformForm),
        M(code: "330106-JF-XH-002", name: "高龄津贴发放", kind: .payment, unit: "西湖区", level: .district, legal: 20, promised: 10, volume: 3_000, nearby: true),
        M(code: "330106-QR-XH-003", name: "计划生育情况证明", kind: .confirmation, unit: "西湖区", level: .district, legal: 10, promised: 3, volume: 900, online: false, exception: .fewCases),
        M(code: "330110-GG-YH-001", name: "居住证申领", kind: .publicService, unit: "余杭区", level: .district, legal: 15, promised: 7, volume: 21_000, nearby: true, joined: "2018-07-02", mode: .ownSystemForm),
        M(code: "330110-XK-YH-002", name: "建设工程规划许可", kind: .licence, unit: "余杭区", level: .district, legal: 20, promised: 12, volume: 1_300, online: false, exception: .unitList, audience: .legalEntity),
    ]

    /// Systems planned per unit: (unit, how many of its systems, how many joined).
    private static let plan: [(String, Int, Int)] = [
        ("市公安局", 2, 2), ("市人力社保局", 2, 1), ("市市场监管局", 2, 2), ("市民政局", 1, 1), ("市卫生计生委", 2, 1), ("市数据资源管理局", 1, 1),
        ("西湖区", 1, 1), ("余杭区", 2, 1), ("萧山区", 1, 0),
    ]

    /// 附件 3 (高新区（滨江） as 滨江区) and units of 附件 2 that the demo city has: registered,
    /// activation rate, activated, daily active, daily active rate, as the app reported them.
    private static let dingTalk: [(String, [Int])] = [
        ("余杭区", [21024, 99, 21023, 14906, 70]), ("淳安县", [6943, 98, 6822, 4085, 58]), ("富阳区", [7154, 100, 7154, 3639, 50]),
        ("西湖区", [6773, 95, 6474, 2333, 34]), ("临安区", [8714, 88, 7698, 2207, 28]), ("拱墅区", [4405, 94, 4180, 1202, 26]),
        ("建德市", [5562, 95, 5298, 1470, 25]), ("江干区", [6223, 99, 6213, 1504, 24]), ("桐庐县", [4495, 99, 4462, 1013, 22]),
        ("下城区", [2942, 92, 2709, 609, 20]), ("滨江区", [2624, 93, 2465, 537, 20]), ("上城区", [4109, 97, 3992, 751, 18]),
        ("萧山区", [8727, 98, 8619, 815, 9]),
        ("市数据资源管理局", [56, 98, 55, 52, 95]), ("市民政局", [621, 100, 621, 341, 54]), ("市公安局", [3669, 97, 3567, 1812, 49]),
        ("市交通运输局", [933, 98, 917, 212, 22]), ("市教育局", [776, 65, 510, 55, 6]), ("市人力社保局", [918, 96, 882, 56, 5]),
        ("市环保局", [381, 98, 375, 21, 5]),
    ]

    static func load(into store: Store, admin: Principal) async throws {
        let orgs = try await store.organizationLookup()
        func unit(_ name: String) throws -> Organization {
            guard let o = orgs[name] else { throw DemoDataError(description: "unit \(name) unknown") }
            return o
        }
        for m in matters {
            let o = try unit(m.unit)
            let system = try await store.systems(organizationID: o.id).first
            _ = try await store.createMatter(MatterDraft(
                basicCode: String(m.code.dropFirst(7)), code: m.code, name: m.name, kind: m.kind, organizationID: o.id, level: m.level,
                legalDays: m.legal, promisedDays: m.promised, systemID: system?.id, systemName: system?.name ?? "", systemLevel: system?.level,
                caseVolume: m.volume, contact: "一窗受理联络员", phone: "0571-85250516", scope: m.level == .municipal ? "全市" : m.unit,
                districts: m.level == .municipal ? [] : [m.unit], audience: m.audience, top100: m.top100, nearby: m.nearby, online: m.online,
                onlineException: m.exception, join: JoinStatus(joinedOn: m.joined, mode: m.mode, batch: m.joined.map { $0 < "2018-05-01" ? "第一批" : "第二批" })), by: admin)
        }
        for (name, planned, joined) in plan {
            for (i, s) in try await store.systems(organizationID: try unit(name).id).prefix(planned).enumerated() {
                let date = i < joined ? (i == 0 ? "2018-04-10" : "2018-06-15") : nil
                _ = try await store.setSystemJoin(systemID: s.id, SystemJoinInput(planned: true, join: JoinStatus(
                    joinedOn: date, mode: date == nil ? nil : .ownSystemForm, batch: date == nil ? nil : (i == 0 ? "第一批" : "第三批"))), by: admin)
            }
        }
        try await loadCases(store, admin: admin)
        try await loadIndicators(store, admin: admin, unit: unit)
        for t in [
            OneWindowTarget(code: "top100_joined", kind: .top100Joined, percent: 100, deadline: "2018-06-30"),
            OneWindowTarget(code: "matters_joined", kind: .mattersJoined, percent: 80, deadline: "2018-12-31"),
            OneWindowTarget(code: "pilot_nearby", kind: .pilotNearby, percent: 50, deadline: "2018-06-30", districts: ["上城区", "下城区", "西湖区", "富阳区"]),
        ] { _ = try await store.saveTarget(t, by: admin) }
        let bureau = try unit("市数据资源管理局").id
        let task = try await store.createTask(TaskDraft(title: "推进一窗受理平台事项接入", organizationID: bureau, owner: "徐立", dueOn: "2018-12-31"), by: admin)
        let sub1 = try await store.createTask(TaskDraft(parentID: task, title: "公安事项接入一窗受理平台", organizationID: try unit("市公安局").id, owner: "公安局联络员", dueOn: "2018-06-30"), by: admin)
        _ = try await store.createTask(TaskDraft(parentID: task, title: "人社事项区县覆盖", organizationID: try unit("市人力社保局").id, owner: "人社局联络员", dueOn: "2018-09-30"), by: admin)
        let task2 = try await store.createTask(TaskDraft(title: "政务钉钉激活率提升", organizationID: bureau, owner: "张宇茜", dueOn: "2018-09-30"), by: admin)
        _ = try await store.createTask(TaskDraft(parentID: task2, title: "教育系统政务钉钉激活", organizationID: try unit("市教育局").id, owner: "教育局联络员", dueOn: "2018-08-31"), by: admin)
        try await store.fileTask(id: sub1, month: String(CalendarDate.today().description.prefix(7)), progress: "3 个事项已完成对接，1 个待省级系统改造", done: false, by: admin)
    }

    /// Cases over the last two weeks, in every kind of state.
    private static func loadCases(_ store: Store, admin: Principal) async throws {
        let today = CalendarDate.today()
        func at(_ daysAgo: Int) -> Date { today.adding(days: -daysAgo).endOfBeijingDay.addingTimeInterval(-13 * 3600) }
        let script: [(String, String, Int, [(CaseAction, Int, String?)])] = [
            ("330100-QR-GA-001", "张明", 9, [(.prereview, 9, nil), (.accept, 8, nil), (.review, 6, nil), (.approve, 3, nil)]),
            ("330100-XK-SC-001", "杭州湖滨餐饮有限公司", 7, [(.prereview, 7, nil), (.accept, 6, nil), (.requestCorrection, 5, "缺少从业人员健康证明")]),
            ("330100-GG-RS-001", "李华", 4, [(.prereview, 4, nil), (.accept, 4, nil), (.review, 3, nil)]),
            ("330100-QR-SC-003", "杭州数汇科技有限公司", 2, [(.prereview, 2, nil), (.refuse, 1, "经营范围表述不规范")]),
            ("330100-QR-GA-002", "王芳", 1, []),
            ("330100-QR-MZ-001", "赵强", 3, [(.withdraw, 3, nil)]),
            ("330100-JF-MZ-002", "陈静", 10, [(.prereview, 10, nil), (.accept, 9, nil), (.review, 8, nil), (.deny, 2, "家庭人均收入高于保障标准")]),
            ("330106-GG-XH-001", "刘洋", 6, [(.prereview, 6, nil), (.accept, 6, nil), (.requestCorrection, 5, "照片不符合要求"), (.resubmit, 3, nil), (.approve, 1, nil)]),
        ]
        for (code, applicant, received, steps) in script {
            let c = try await store.createCase(CaseDraft(matterCode: code, applicant: applicant), by: admin, now: at(received))
            for (action, day, reason) in steps { _ = try await store.act(caseID: c.id, action, reason: reason, by: admin, now: at(day)) }
        }
        _ = try await store.createBundle(BundleDraft(code: "newborn", name: "新生儿出生一件事", organizationID: try await organizationID(store, "市卫生计生委"),
                                                     matterCodes: ["330100-GG-WJ-001", "330100-QR-GA-002", "330100-GG-RS-001"]), by: admin)
        _ = try await store.createBundle(BundleDraft(code: "company-start", name: "企业开办一件事", organizationID: try await organizationID(store, "市市场监管局"),
                                                     audience: .legalEntity, matterCodes: ["330100-QR-SC-003", "330100-XK-SC-001"]), by: admin)
        _ = try await store.applyForBundle(code: "newborn", applicant: "周敏", by: admin, now: at(2))
    }

    private static func organizationID(_ store: Store, _ name: String) async throws -> Int64 {
        guard let o = try await store.organizationLookup()[name] else { throw DemoDataError(description: "unit \(name) unknown") }
        return o.id
    }

    /// The messaging-app figures for the week of 27 July 2018 as printed, and the week before
    /// a little lower (for the trend).
    private static func loadIndicators(_ store: Store, admin: Principal, unit: (String) throws -> Organization) async throws {
        let definitions = [
            IndicatorDraft(code: "registered", name: "注册数", unitOfMeasure: "人"),
            IndicatorDraft(code: "activated", name: "激活数", unitOfMeasure: "人"),
            IndicatorDraft(code: "daily_active", name: "日均活跃数", unitOfMeasure: "人"),
            IndicatorDraft(code: "activation_rate", name: "激活率", unitOfMeasure: "%", percent: true, formula: "activated / registered"),
            IndicatorDraft(code: "daily_active_rate", name: "日均活跃率", unitOfMeasure: "%", percent: true, formula: "daily_active / registered"),
        ]
        for d in definitions { _ = try await store.saveIndicator(d, by: admin) }
        var rows = [["单位", "统计期", "注册数", "激活率", "激活数", "日均活跃数", "日均活跃率"]]
        for (name, v) in dingTalk {
            _ = try unit(name)
            rows.append([name, "2018-07-27"] + v.map(String.init))
            // The week before: 2% fewer registered and activated, 5% fewer active; rates computed.
            let r = v[0] * 98 / 100, a = min(v[2] * 98 / 100, r), d = v[3] * 95 / 100
            rows.append([name, "2018-07-20", String(r), "", String(a), String(d), ""])
        }
        let csv = rows.map { $0.joined(separator: ",") }.joined(separator: "\n")
        _ = try await store.importIndicatorValues(data: Data(csv.utf8), filename: "demo.csv", period: nil, by: admin)
    }
}
