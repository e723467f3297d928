// The demo city: Hangzhou's units, systems, catalog and accounts as the 2018 bulletins of its
// data bureau describe them, loaded into an empty store so the console has something real to
// show. Everything is deterministic: the same store contents come out of every load.
import Foundation
import ShuhuiCore

/// An account the demo created, for the login page and the README.
public struct DemoLogin: Sendable, Equatable {
    /// Login name.
    public var username: String
    /// The demo password (demo data only).
    public var password: String
    /// `Role.rawValue` of the account.
    public var role: String
    /// Short name of the account's unit, if any.
    public var unit: String?

    /// Creates a login record.
    public init(username: String, password: String, role: String, unit: String?) {
        self.username = username
        self.password = password
        self.role = role
        self.unit = unit
    }
}

/// Why the demo could not be loaded (a mistake in the demo tables, not in user input).
public struct DemoDataError: Error, CustomStringConvertible {
    /// What is wrong.
    public var description: String
}

/// Loads the demo city.
public enum DemoCity {
    /// Registers the demo units, systems, catalog entries and accounts in `store`, which should
    /// be empty (names and codes are unique).
    ///
    /// - Parameter activity: also load the statistics' opening balances, eight weeks of
    ///   activity and the issued bulletins (``DemoBulletin``); tests that count activity
    ///   themselves leave it out.
    /// - Returns: The accounts created, admin first.
    ///   - others: also load the open-data publications (with records) and the one-window
    ///     records; tests that count city-wide figures from an otherwise empty city leave them out.
    public static func load(into store: Store, activity: Bool = true, others: Bool = true) async throws -> [DemoLogin] {
        var rng = SplitMix64(seed: 0x5348_5548_5549_2018)
        var codes = Set<String>()
        var unitIDs: [String: Int64] = [:]

        func creditCode(_ unit: DemoUnit, region: String) -> String {
            while true {
                var body = String(unit.orgCodePrefix)
                for _ in 0..<7 { body.append(Character(String(rng.below(10)))) }
                let code = CreditCode.make(authority: unit.authority, kind: unit.category, region: region,
                                           organizationCode8: body).value
                if codes.insert(code).inserted { return code }
            }
        }

        // Units: the provincial centre, municipal departments, the company, districts, townships.
        for unit in DemoUnits.all {
            var parentID: Int64?
            var region = unit.region
            if let parent = unit.parent {
                guard let id = unitIDs[parent.shortName] else { throw DemoDataError(description: "parent \(parent.shortName) unknown") }
                parentID = id
                region = parent.region
            }
            let org = try await store.createOrganization(OrganizationInput(
                code: creditCode(unit, region: region), name: unit.name, shortName: unit.shortName,
                kind: unit.kind, parentID: parentID, regionCode: region))
            unitIDs[unit.shortName] = org.id
        }

        // Systems, numbered per region: SYS-330100-0001 …
        var sequence: [String: Int] = [:]
        var systemIDs: [String: [String: Int64]] = [:]
        for (unit, systems) in DemoUnits.systems {
            guard let orgID = unitIDs[unit.shortName] else { throw DemoDataError(description: "unit \(unit.shortName) unknown") }
            let region = unit.parent?.region ?? unit.region
            for spec in systems {
                let n = (sequence[region] ?? 0) + 1
                sequence[region] = n
                let code = "SYS-\(region)-" + String(repeating: "0", count: max(0, 4 - String(n).count)) + String(n)
                let system = try await store.createSystem(SystemInput(
                    organizationID: orgID, code: code, name: spec.name, level: spec.level, status: spec.status,
                    owner: DemoNames.person(&rng), summary: spec.summary(unit: unit)))
                systemIDs[unit.shortName, default: [:]][spec.name] = system.id
            }
        }

        // The bureau administrator comes first: the catalog is registered in their name.
        let admin = try await store.createUser(UserInput(
            username: "admin", displayName: "局管理员", password: "shuhui-admin", role: .admin))
        var logins = [DemoLogin(username: "admin", password: "shuhui-admin", role: Role.admin.rawValue, unit: nil)]

        let drafts = try DemoCatalog.drafts(
            providerID: { unitIDs[$0] },
            systemID: { unit, name in systemIDs[unit]?[name] })
        for draft in drafts {
            _ = try await store.createResource(draft, by: admin.principal)
        }

        let accounts: [(String, String, Role, String?)] = [
            ("police", "市公安局数据专员", .officer, "市公安局"),
            ("hrss", "市人力社保局数据专员", .officer, "市人力社保局"),
            ("approver", "数据资源管理局审批人", .approver, "市数据资源管理局"),
            ("police-approver", "市公安局共享审批人", .approver, "市公安局"),
            ("query", "西湖区共享查询用户", .queryUser, "西湖区"),
            ("auditor", "安全审计员", .auditor, nil),
        ]
        for (username, display, role, unit) in accounts {
            let orgID: Int64?
            if let unit {
                guard let id = unitIDs[unit] else { throw DemoDataError(description: "unit \(unit) unknown") }
                orgID = id
            } else {
                orgID = nil
            }
            _ = try await store.createUser(UserInput(
                username: username, displayName: display, password: "shuhui-demo", role: role, organizationID: orgID))
            logins.append(DemoLogin(username: username, password: "shuhui-demo", role: role.rawValue, unit: unit))
        }
        // The bureau answers the second step of conditional sharing requests.
        if let bureau = unitIDs["市数据资源管理局"] { try await store.setBureau(bureau) }
        if others {
            try await DemoOpenData.load(into: store, admin: admin.principal)
            try await DemoOneWindow.load(into: store, admin: admin.principal)
        }
        if activity { try await DemoBulletin.load(into: store, admin: admin.principal) }
        return logins
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny generator whose sequence is fixed by its
/// seed on every platform, unlike the system generator.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<n`; the modulo bias is irrelevant for demo data, and unlike
    /// `Int.random(in:using:)` the mapping is ours, so it cannot change between Swift releases.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Chinese personal names for system owners.
enum DemoNames {
    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏方邹孟邱江尹薛雷侯龙史陶贺顾毛邵钱严戴莫孔汤楼俞应")
    static let given = [
        "伟", "芳", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "霞", "平", "刚",
        "建华", "晓东", "海燕", "志强", "国庆", "文博", "雨婷", "浩然", "思远", "嘉怡", "俊杰", "建国", "丽萍",
        "伟民", "晓燕", "卫东", "红梅", "立新", "志明", "秀英", "春华", "国平", "晓峰", "建军", "一鸣", "燕青",
    ]

    static func person(_ rng: inout SplitMix64) -> String {
        String(rng.pick(surnames)) + rng.pick(given)
    }
}

/// One unit of the demo city.
struct DemoUnit: Sendable {
    var name: String
    var shortName: String
    var kind: OrganizationKind
    var region: String
    /// Parent unit (townships sit under their district); the region is then the parent's.
    var parentShortName: String?
    /// Credit-code registration authority and category: 1/1 机关, 1/2 事业单位, 9/1 企业.
    var authority: Character
    var category: Character

    /// First character of the organisation code: 0 机关, 4 事业单位, 7 企业 (how the real codes
    /// of such units usually begin).
    var orgCodePrefix: Character {
        switch (authority, category) {
        case ("9", _): "7"
        case (_, "2"): "4"
        default: "0"
        }
    }

    var parent: DemoUnit? { parentShortName.flatMap { p in DemoUnits.all.first { $0.shortName == p } } }
}

/// A system of the census, as the demo registers it.
struct DemoSystem: Sendable {
    var name: String
    var level: SystemLevel
    var status: SystemStatus = .running

    func summary(unit: DemoUnit) -> String {
        let builder = switch level {
        case .national: "国家部委统一建设"
        case .provincial: "省级部门垂直建设"
        case .municipal: "市级部门自建"
        case .district: "区县自建"
        }
        return "\(unit.shortName)使用的\(name)，\(builder)。"
    }
}

/// The units and systems of the demo city.
enum DemoUnits {
    private static func dept(_ name: String, _ short: String, institution: Bool = false) -> DemoUnit {
        DemoUnit(name: name, shortName: short, kind: .department, region: "330100", parentShortName: nil,
                 authority: "1", category: institution ? "2" : "1")
    }

    /// The municipal departments, in the order that numbers their departmental catalog classes
    /// (3 + two-digit index + 001); the company closes the list.
    static let municipal: [DemoUnit] = [
        dept("杭州市公安局", "市公安局"),
        dept("杭州市交通运输局", "市交通运输局"),
        dept("杭州市住房保障和房产管理局", "市住保房管局"),
        dept("杭州住房公积金管理中心", "杭州公积金中心", institution: true),
        dept("杭州市国土资源局", "市国土资源局"),
        dept("杭州市人力资源和社会保障局", "市人力社保局"),
        dept("杭州市市场监督管理局", "市市场监管局"),
        dept("杭州市地方税务局", "市地税局"),
        dept("杭州市城市管理委员会", "市城管委"),
        dept("杭州市发展和改革委员会", "市发改委"),
        dept("杭州市民政局", "市民政局"),
        dept("杭州市教育局", "市教育局"),
        dept("杭州市城乡建设委员会", "市建委"),
        dept("杭州市卫生和计划生育委员会", "市卫生计生委"),
        dept("杭州市园林文物局", "市园文局"),
        dept("杭州市环境保护局", "市环保局"),
        dept("杭州市气象局", "市气象局", institution: true),
        dept("杭州市信用体系建设领导小组办公室", "信用办"),
        dept("杭州市数据资源管理局", "市数据资源管理局"),
        DemoUnit(name: "杭州市民卡有限公司", shortName: "市民卡公司", kind: .company, region: "330100",
                 parentShortName: nil, authority: "9", category: "1"),
    ]

    static let provincialCentre = DemoUnit(
        name: "浙江省数据管理中心", shortName: "省大数据中心", kind: .provincialCentre, region: "330000",
        parentShortName: nil, authority: "1", category: "2")

    /// The 13 districts, counties and county-level cities of 2018.
    static let districts: [DemoUnit] = [
        ("上城区", "330102"), ("下城区", "330103"), ("江干区", "330104"), ("拱墅区", "330105"),
        ("西湖区", "330106"), ("滨江区", "330108"), ("萧山区", "330109"), ("余杭区", "330110"),
        ("富阳区", "330111"), ("临安区", "330112"), ("桐庐县", "330122"), ("淳安县", "330127"),
        ("建德市", "330182"),
    ].map { short, region in
        DemoUnit(name: "杭州市" + short, shortName: short, kind: .district, region: region, parentShortName: nil,
                 authority: "1", category: "1")
    }

    /// Streets of two districts.
    static let townships: [DemoUnit] = {
        let streets: [(String, [String])] = [
            ("西湖区", ["北山街道", "西溪街道", "灵隐街道", "翠苑街道", "文新街道", "古荡街道", "转塘街道", "留下街道"]),
            ("余杭区", ["临平街道", "南苑街道", "东湖街道", "星桥街道", "五常街道", "闲林街道", "仓前街道", "良渚街道"]),
        ]
        return streets.flatMap { district, names in
            names.map { street in
                DemoUnit(name: "杭州市" + district + street, shortName: street, kind: .township,
                         region: districts.first { $0.shortName == district }?.region ?? "330100",
                         parentShortName: district, authority: "1", category: "1")
            }
        }
    }()

    /// Every unit in registration order (parents before children).
    static let all: [DemoUnit] = [provincialCentre] + municipal + districts + townships

    /// The departmental catalog class of a municipal unit: `3` + two-digit index + `001`.
    static func departmentCategory(_ shortName: String) -> String? {
        guard let i = municipal.firstIndex(where: { $0.shortName == shortName }) else { return nil }
        let n = i + 1
        return "3" + (n < 10 ? "0" : "") + String(n) + "001"
    }

    private static func m(_ name: String, _ status: SystemStatus = .running) -> DemoSystem { DemoSystem(name: name, level: .municipal, status: status) }
    private static func p(_ name: String) -> DemoSystem { DemoSystem(name: name, level: .provincial) }
    private static func n(_ name: String) -> DemoSystem { DemoSystem(name: name, level: .national) }

    private static let municipalSystems: [String: [DemoSystem]] = [
        "市公安局": [n("全国人口信息管理系统"), m("人口综合信息系统"), p("流动人口居住登记管理系统"),
                  n("公安交通管理综合应用平台"), m("标准地址管理系统"), m("暂住人口管理系统（旧版）", .retired)],
        "市交通运输局": [p("道路运输管理信息系统"), m("出租汽车营运监管系统"), m("公共自行车管理系统"), p("交通运输行政执法系统")],
        "市住保房管局": [m("商品房网上签约备案系统"), m("公共租赁住房保障管理系统"), m("房屋交易监管系统"), p("浙江省住房保障信息系统")],
        "杭州公积金中心": [m("公积金管理系统"), m("公积金贷款审批系统"), n("全国住房公积金结算应用系统")],
        "市国土资源局": [m("不动产登记系统"), n("土地市场动态监测与监管系统"), p("国土资源一张图系统"),
                    p("建设用地审批系统"), m("国土局系统")],
        "市人力社保局": [m("杭州市人力资源社会保障一体化信息系统"), n("全国社会保险关系转移系统"), m("养老金发放管理系统"),
                    p("浙江省就业创业管理系统"), m("劳动保障监察系统")],
        "市市场监管局": [m("商事登记一网通系统"), n("国家企业信用信息公示系统"), p("浙江省市场主体登记系统"),
                    m("食品安全监管系统"), p("特种设备安全监察系统")],
        "市地税局": [n("金税三期税收管理系统"), m("地税局系统"), p("浙江省电子税务局")],
        "市城管委": [m("数字城管信息系统"), m("城管委系统"), m("市政设施管理系统"), m("停车诱导系统")],
        "市发改委": [m("市发改委系统"), p("浙江省投资项目在线审批监管平台"), n("价格监测系统")],
        "市民政局": [n("全国婚姻登记信息系统"), p("浙江省社会救助信息系统"), m("社会组织管理系统"), m("养老服务管理系统")],
        "市教育局": [m("教育局系统"), n("全国中小学生学籍信息管理系统"), m("招生考试管理系统"), n("全国教师管理信息系统")],
        "市建委": [m("市建委系统"), p("浙江省建筑市场监管与诚信信息平台"), m("施工许可管理系统")],
        "市卫生计生委": [m("全民健康信息平台"), n("出生医学证明管理系统"), p("医疗机构执业登记系统"), p("预防接种信息系统"),
                    p("计划生育服务管理系统")],
        "市园文局": [m("园林绿化管理系统"), p("文物保护管理系统"), m("公园景区票务系统")],
        "市环保局": [p("污染源在线监控系统"), n("排污许可管理系统"), m("环境质量监测系统"), m("建设项目环评审批系统")],
        "市气象局": [n("气象综合业务系统"), p("气象预警发布系统"), m("气象服务系统")],
        "信用办": [m("杭州市公共信用信息平台"), m("信用杭州网站"), p("浙江省联合奖惩系统")],
        "市数据资源管理局": [m("杭州市公共数据平台"), m("数据交换共享平台"), m("一窗受理平台"), m("城市数据大脑"),
                       m("电子证照库"), m("数据安全态势感知平台", .planned)],
        "市民卡公司": [m("惠民征信系统"), m("市民卡发卡系统"), m("市民卡支付结算系统")],
    ]

    /// Second systems of the districts that built more than one.
    private static let districtExtras: [String: String] = [
        "西湖区": "西湖区城市大脑平台", "萧山区": "萧山区一窗受理系统", "余杭区": "余杭区城市大脑平台",
        "富阳区": "富阳区政务服务平台", "桐庐县": "桐庐县一窗受理系统", "江干区": "江干区智慧城管系统",
    ]

    /// Every unit's systems, in registration order.
    static let systems: [(DemoUnit, [DemoSystem])] = {
        var out: [(DemoUnit, [DemoSystem])] = [(provincialCentre, [p("浙江省公共数据平台"), p("浙江政务服务网")])]
        for unit in municipal { out.append((unit, municipalSystems[unit.shortName] ?? [])) }
        for unit in districts {
            var list = [DemoSystem(name: unit.shortName + "基层治理四平台", level: .district)]
            if let extra = districtExtras[unit.shortName] { list.append(DemoSystem(name: extra, level: .district)) }
            out.append((unit, list))
        }
        return out
    }()
}
