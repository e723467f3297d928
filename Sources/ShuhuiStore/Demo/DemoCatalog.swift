// The demo catalog: resources of the Hangzhou departments, modelled on what the 2018 bulletins
// name (population, legal entity, credit, licences, social security, housing fund …). Field
// codes are the pinyin initials departments use as column names (公民身份号码 → gmsfhm).
import Foundation
import ShuhuiCore

/// Builds the demo catalog entries.
package enum DemoCatalog {
    /// The catalog as drafts, in registration order.
    ///
    /// - Parameters:
    ///   - providerID: The unit id for a short name such as 市公安局.
    ///   - systemID: The id of a system, given its unit's short name and the system's name.
    /// - Throws: `DemoDataError` when a table refers to a unit, system or field it lacks.
    package static func drafts(
        providerID: (String) -> Int64?, systemID: (String, String) -> Int64?
    ) throws -> [ResourceDraft] {
        let book = try FieldBook.fields()
        var rng = SplitMix64(seed: 0x4341_5441_4C4F_4701)
        // Codes as a fresh store hands them out, so entries can name earlier ones as related.
        var sequences: [String: Int] = [:]
        var codeOf: [String: String] = [:]
        var out: [ResourceDraft] = []
        for spec in specs {
            guard let provider = providerID(spec.provider) else {
                throw DemoDataError(description: "\(spec.name): unknown provider \(spec.provider)")
            }
            guard let system = systemID(spec.provider, spec.system) else {
                throw DemoDataError(description: "\(spec.name): unknown system \(spec.provider)/\(spec.system)")
            }
            var category = spec.category
            if category == "3" {
                guard let c = DemoUnits.departmentCategory(spec.provider) else {
                    throw DemoDataError(description: "\(spec.name): \(spec.provider) has no departmental class")
                }
                category = c
            }
            let keys = Set(spec.keys.split(separator: " ").map(String.init))
            var fields: [Field] = []
            for token in spec.fields.split(separator: " ") {
                let parts = token.split(separator: "@")
                let code = String(parts[0])
                guard var field = book[code] else { throw DemoDataError(description: "\(spec.name): unknown field \(code)") }
                if parts.count == 2, let grade = SecurityGrade(label: String(parts[1])) { field.sensitivity = grade }
                if keys.contains(code) {
                    field.primaryKey = true
                    field.required = true
                }
                fields.append(field)
            }
            guard keys.allSatisfy({ k in fields.contains { $0.code == k } }) else {
                throw DemoDataError(description: "\(spec.name): a key is not among its fields")
            }
            let grade = fields.map(\.sensitivity).max() ?? .l1
            let (sharing, condition, modes): (SharingAttribute, String, [SharingMode]) = switch spec.share {
            case .unconditional(let modes): (.unconditional, "", modes)
            case .conditional(let condition, let modes): (.conditional, condition, modes)
            case .none: (.notShared, "", [])
            }
            let related = try spec.related.map { name in
                guard let code = codeOf[name] else { throw DemoDataError(description: "\(spec.name): related \(name) not registered before it") }
                return code
            }
            let published = "2018-" + twoDigits(1 + rng.below(11)) + "-" + twoDigits(1 + rng.below(28))
            let draft = ResourceDraft(
                name: spec.name, categoryCode: category, providerID: provider, sourceSystemID: system,
                summary: "\(spec.provider)提供的\(spec.name)，来源于\(spec.system)，\(cycleText(spec.cycle))更新。",
                format: .table, updateCycle: spec.cycle, sharing: sharing, sharingCondition: condition,
                sharingModes: modes, open: spec.open,
                openCondition: spec.open == .restricted ? "经申请审核、脱敏处理后开放" : "",
                grade: grade, publishedOn: published, relatedCodes: related,
                tags: spec.tags + [label(of: category)], fields: fields)
            out.append(draft)
            let n = (sequences[category] ?? 0) + 1
            sequences[category] = n
            codeOf[spec.name] = ResourceCode.make(category: category, sequence: n)
        }
        return out
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    private static func cycleText(_ cycle: UpdateCycle) -> String {
        switch cycle {
        case .realtime: "实时"
        case .daily: "每日"
        case .weekly: "每周"
        case .monthly: "每月"
        case .quarterly: "每季度"
        case .yearly: "每年"
        case .irregular: "不定期"
        }
    }

    /// The 类/项 a category belongs to, as a tag.
    private static func label(of category: String) -> String {
        let labels = [
            "101": "人口", "102": "法人", "103": "自然资源和空间地理", "104": "社会信用", "105": "电子证照",
            "201": "社会保障", "202": "住房", "203": "交通出行", "204": "教育", "205": "医疗卫生",
            "206": "生态环境与气象", "207": "城市管理与基层治理", "210": "政务服务", "211": "文化旅游",
        ]
        return labels[String(category.prefix(3))] ?? "部门信息资源"
    }

    // MARK: - The entries

    enum Share {
        case unconditional([SharingMode])
        case conditional(String, [SharingMode])
        case none
    }

    struct Spec {
        var name: String
        /// A category code, or "3" for the provider's departmental class.
        var category: String
        var provider: String
        var system: String
        var cycle: UpdateCycle
        var share: Share
        var open: OpenAttribute
        /// Field codes from the book, space-separated; `code@L1` overrides the field's grade.
        var fields: String
        /// Primary-key field codes, space-separated.
        var keys: String
        var tags: [String]
        /// Names of earlier entries.
        var related: [String]
    }

    private static func r(
        _ name: String, _ category: String, _ provider: String, _ system: String, _ cycle: UpdateCycle,
        _ share: Share, _ open: OpenAttribute, _ fields: String, keys: String, tags: [String] = [], related: [String] = []
    ) -> Spec {
        Spec(name: name, category: category, provider: provider, system: system, cycle: cycle, share: share,
             open: open, fields: fields, keys: keys, tags: tags, related: related)
    }

    private static let gov = "仅限政务服务办理使用"
    private static let consent = "需经本人授权，仅限政务服务办理使用"
    private static let relief = "仅限社会救助和住房保障审核使用"
    private static let supervision = "仅限行业监管和执法使用"
    private static let credit = "仅限信用监管和联合奖惩使用"
    private static let penalty = "xzcfjdswh xdrmc xdrtyshxydm cfsy cfyj cflb cfnr fkje cfjdrq cfjg"

    static let specs: [Spec] = [
        // 市公安局
        r("常住人口基本信息", "101001", "市公安局", "人口综合信息系统", .daily, .conditional(gov, [.api, .query]), .notOpen,
          "gmsfhm xm xb mz csrq jg hjdz jzdz whcd hyzk zy fwcs sjhm hjdpcs sjgxsj", keys: "gmsfhm", tags: ["人口库"]),
        r("户籍人口信息", "101001", "市公安局", "全国人口信息管理系统", .daily, .conditional(gov, [.push, .api, .query]), .notOpen,
          "gmsfhm xm xb mz csrq hh hzxm yhzgx hjdz hjdpcs qrrq xzqhdm sjgxsj", keys: "gmsfhm", tags: ["人口库"],
          related: ["常住人口基本信息"]),
        r("流动人口居住登记", "101002", "市公安局", "流动人口居住登记管理系统", .daily, .conditional(gov, [.api, .query]), .notOpen,
          "gmsfhm xm xb csrq hjdz jzdz jzsy djrq sjhm ssjd sssq", keys: "gmsfhm djrq", tags: ["人口库"]),
        r("居住证信息", "105010", "市公安局", "流动人口居住登记管理系统", .weekly, .conditional(gov, [.api]), .notOpen,
          "jzzbh gmsfhm xm xb jzdz fzjg fzrq yxqq yxqz", keys: "jzzbh", tags: ["证照库"], related: ["流动人口居住登记"]),
        r("死亡人口信息", "101003", "市公安局", "人口综合信息系统", .daily, .conditional(gov, [.push, .api]), .notOpen,
          "gmsfhm xm xb csrq swrq swdd hjdz hjdpcs", keys: "gmsfhm", tags: ["人口库"]),
        r("机动车登记信息", "3", "市公安局", "公安交通管理综合应用平台", .daily, .conditional(supervision, [.api]), .notOpen,
          "hphm hpzl clsbdh cllx syr ccdjrq jdczt yxqz sjgxsj", keys: "hphm hpzl"),
        r("机动车驾驶证信息", "3", "市公安局", "公安交通管理综合应用平台", .daily, .conditional(consent, [.api]), .notOpen,
          "dabh gmsfhm xm zjcx cclzrq yxqz ljjf jszzt fzjg", keys: "dabh"),
        r("道路交通违法信息", "3", "市公安局", "公安交通管理综合应用平台", .daily, .conditional(supervision, [.api, .query]), .restricted,
          "hphm hpzl wfsj wfdd wfxw fkje jfz clzt cfjg", keys: "hphm wfsj"),
        r("标准地址信息", "103002", "市公安局", "标准地址管理系统", .monthly, .unconditional([.push, .api]), .open,
          "dzbm bzdz xzqhdm ssjd sssq jlx mph lzh jd wd sjgxsj", keys: "dzbm", tags: ["地址库"]),

        // 市交通运输局
        r("道路运输经营许可", "105004", "市交通运输局", "道路运输管理信息系统", .weekly, .unconditional([.api, .push]), .open,
          "dlysjyxkzh yhmc tyshxydm jjlx jyfw zs fddbr clsl fzjg fzrq yxqz", keys: "dlysjyxkzh", tags: ["证照库"]),
        r("出租车营运信息", "3", "市交通运输局", "出租汽车营运监管系统", .daily, .conditional(supervision, [.push]), .notOpen,
          "cphm dlyszh clssqy jsyxm cyzgzh yyrq yylc yycs yysr", keys: "cphm yyrq"),
        r("公共自行车站点信息", "203001", "市交通运输局", "公共自行车管理系统", .daily, .unconditional([.api]), .open,
          "zdbm zdmc dz ssqx jd wd szqsl sjgxsj", keys: "zdbm"),
        r("交通运输行政处罚信息", "104003", "市交通运输局", "交通运输行政执法系统", .weekly, .unconditional([.api, .push]), .open,
          penalty, keys: "xzcfjdswh", tags: ["双公示"]),

        // 市住保房管局
        r("商品房预售许可", "202001", "市住保房管局", "商品房网上签约备案系统", .weekly, .unconditional([.api, .push]), .open,
          "ysxkzh lpmc xmmc kfqy tyshxydm ysfw ysmj ysts fwyt pzrq fzjg", keys: "ysxkzh"),
        r("商品房买卖合同备案信息", "202001", "市住保房管局", "商品房网上签约备案系统", .daily, .conditional(relief, [.api]), .notOpen,
          "htbah msr msrzjhm fwzl jzmj cjjg@L3 fwyt kfqy barq", keys: "htbah", related: ["商品房预售许可"]),
        r("公共租赁住房保障", "202002", "市住保房管局", "公共租赁住房保障管理系统", .monthly, .conditional(relief, [.api, .query]), .notOpen,
          "gmsfhm xm bzfs jtrks jtnsr pzfydz zjbz shrq bzzt ssqx", keys: "gmsfhm"),
        r("住房保障资格审核信息", "202002", "市住保房管局", "浙江省住房保障信息系统", .monthly, .conditional(relief, [.api]), .notOpen,
          "gmsfhm xm jtrks jtnsr jtzz bzfs shrq sprq bzzt", keys: "gmsfhm"),
        r("物业服务企业信息", "3", "市住保房管局", "房屋交易监管系统", .quarterly, .unconditional([.api]), .open,
          "tyshxydm qymc fddbr zs clrq zczb zgxmsl glmj", keys: "tyshxydm"),

        // 杭州公积金中心
        r("公积金缴存信息", "202003", "杭州公积金中心", "公积金管理系统", .monthly, .conditional(consent, [.api, .query]), .notOpen,
          "grgjjzh gmsfhm xm dwgjjzh dwmc jcjs dwjcbl grjcbl yjce zhye zhzt khrq jzny", keys: "grgjjzh"),
        r("公积金贷款信息", "202003", "杭州公积金中心", "公积金贷款审批系统", .monthly, .conditional(consent, [.api]), .notOpen,
          "jkhtbh gmsfhm xm dkje dkqx dkll dkffrq dkye yqqs dyfwzl", keys: "jkhtbh", related: ["公积金缴存信息"]),
        r("公积金缴存单位信息", "202003", "杭州公积金中心", "公积金管理系统", .monthly, .unconditional([.api]), .restricted,
          "dwgjjzh dwmc tyshxydm zs jcrs dwjcbl khrq zhzt", keys: "dwgjjzh"),
        r("公积金提取信息", "3", "杭州公积金中心", "全国住房公积金结算应用系统", .daily, .none, .notOpen,
          "grgjjzh gmsfhm xm tqlx tqje tqrq skyh yhzh", keys: "grgjjzh tqrq"),

        // 市国土资源局
        r("不动产权证书", "105002", "市国土资源局", "不动产登记系统", .daily, .conditional(gov, [.api, .query]), .notOpen,
          "bdcqzh bdcdyh qlr qlrzjhm gyqk zl qllx qlxz yt mj dbrq fzjg", keys: "bdcqzh", tags: ["证照库"]),
        r("不动产抵押登记信息", "3", "市国土资源局", "不动产登记系统", .daily, .conditional(gov, [.api]), .notOpen,
          "bdcdjzmh bdcdyh dyqr qlr bdbzqse zwlxqxq zwlxqxz zl dbrq", keys: "bdcdjzmh", related: ["不动产权证书"]),
        r("土地出让信息", "103003", "市国土资源局", "土地市场动态监测与监管系统", .monthly, .unconditional([.api, .push]), .open,
          "dzjgh xmmc zdbh tdzl crmj tdyt crnx gdfs srr cjjg@L1 rjl qdrq ydkgsj ydjgsj xzqhdm", keys: "dzjgh"),
        r("行政区划信息", "103001", "市国土资源局", "国土资源一张图系统", .yearly, .unconditional([.api, .push]), .open,
          "xzqhdm xzqhmc sjxzqhdm jb zxdjd zxdwd sjgxsj", keys: "xzqhdm", tags: ["地理空间库"]),
        r("宗地基本信息", "103003", "市国土资源局", "国土资源一张图系统", .quarterly, .conditional(gov, [.push]), .restricted,
          "zdbh tdzl tdyt mj@L1 qlr qlxz xzqhdm jd wd sjgxsj", keys: "zdbh", tags: ["地理空间库"]),
        r("建设用地审批信息", "3", "市国土资源局", "建设用地审批系统", .monthly, .unconditional([.api]), .open,
          "spwh xmmc jsdw tdzl pzydmj tdyt sprq xzqhdm", keys: "spwh"),

        // 市人力社保局
        r("社会保险参保信息", "201001", "市人力社保局", "杭州市人力资源社会保障一体化信息系统", .monthly,
          .conditional(gov, [.push, .api, .query]), .notOpen,
          "shbzhm gmsfhm xm grbh cbdwmc dwbh xzlx cbzt cbrq jfjs ljjfys", keys: "shbzhm xzlx", tags: ["社保"]),
        r("养老金发放信息", "201001", "市人力社保局", "养老金发放管理系统", .monthly, .conditional(relief, [.api]), .notOpen,
          "shbzhm xm dylb ltxrq ffyf ffje khyh yhzh", keys: "shbzhm ffyf", tags: ["社保"], related: ["社会保险参保信息"]),
        r("就业失业登记信息", "201003", "市人力社保局", "浙江省就业创业管理系统", .monthly, .conditional(gov, [.api, .query]), .notOpen,
          "jysydjzh gmsfhm xm xb csrq whcd djlx jyzt djrq jzdz", keys: "jysydjzh"),
        r("参保单位信息", "201001", "市人力社保局", "杭州市人力资源社会保障一体化信息系统", .monthly, .unconditional([.api, .push]),
          .restricted, "dwbh dwmc tyshxydm zs fddbr xzlx cbrq cbrs", keys: "dwbh", tags: ["社保"]),
        r("劳动保障监察行政处罚信息", "104003", "市人力社保局", "劳动保障监察系统", .irregular, .unconditional([.api]), .open,
          penalty, keys: "xzcfjdswh", tags: ["双公示"]),
        r("社会保险关系转移信息", "3", "市人力社保局", "全国社会保险关系转移系统", .irregular, .conditional(gov, [.api]), .notOpen,
          "shbzhm gmsfhm xm xzlx zcd zrd zyrq", keys: "shbzhm zyrq"),
        r("职业资格证书信息", "105012", "市人力社保局", "浙江省就业创业管理系统", .monthly, .conditional(consent, [.api, .query]), .notOpen,
          "zsbh xm gmsfhm zymc dj fzrq fzjg", keys: "zsbh", tags: ["证照库"]),

        // 市市场监管局
        r("企业法人登记信息", "102001", "市市场监管局", "商事登记一网通系统", .daily, .unconditional([.push, .api, .query]), .restricted,
          "tyshxydm qymc zch qylx fddbr fddbrzjhm zczb clrq zs jyfw djjg hzrq djzt yyqxqsrq yyqxjzrq hydm",
          keys: "tyshxydm", tags: ["法人库"]),
        r("个体工商户登记信息", "102002", "市市场监管局", "浙江省市场主体登记系统", .daily, .conditional(gov, [.api, .query]), .restricted,
          "tyshxydm zhmc jyzxm jyzsfzh jycs zcxs jyfw clrq djjg djzt hydm", keys: "tyshxydm", tags: ["法人库"]),
        r("营业执照", "105001", "市市场监管局", "商事登记一网通系统", .realtime, .unconditional([.api]), .open,
          "zzbh tyshxydm qymc qylx fddbr zczb clrq zs jyfw djjg fzrq yyqxqsrq yyqxjzrq", keys: "zzbh", tags: ["证照库"],
          related: ["企业法人登记信息"]),
        r("企业年度报告信息", "102001", "市市场监管局", "国家企业信用信息公示系统", .yearly, .unconditional([.api]), .restricted,
          "tyshxydm qymc nbnd cyrs zcze yyzsr nsze sfgs zs lxdh@L2", keys: "tyshxydm nbnd", tags: ["法人库"]),
        r("企业变更登记信息", "102001", "市市场监管局", "商事登记一网通系统", .daily, .unconditional([.push, .api]), .open,
          "tyshxydm qymc bgsx bgqnr bghnr bgrq djjg", keys: "tyshxydm bgrq bgsx", tags: ["法人库"]),
        r("食品经营许可证", "105005", "市市场监管局", "食品安全监管系统", .daily, .unconditional([.api]), .open,
          "xkzbh jyzmc tyshxydm fddbr jycs ztyt jyxm fzjg fzrq yxqz rcjdgljg", keys: "xkzbh", tags: ["证照库"]),
        r("食品安全抽检信息", "3", "市市场监管局", "食品安全监管系统", .weekly, .unconditional([.api]), .open,
          "cjbh bcydw ypmc ggxh scrq cyrq jyjl bhgxm scqy", keys: "cjbh"),
        r("特种设备登记信息", "3", "市市场监管局", "特种设备安全监察系统", .monthly, .conditional(supervision, [.push]), .notOpen,
          "sbdm sblb sydw tyshxydm sbdd xcjyrq jyjl djrq", keys: "sbdm"),
        r("市场监管行政处罚信息", "104003", "市市场监管局", "国家企业信用信息公示系统", .daily, .unconditional([.api, .push]), .open,
          penalty, keys: "xzcfjdswh", tags: ["双公示"]),

        // 市地税局
        r("纳税人登记信息", "3", "市地税局", "金税三期税收管理系统", .daily, .conditional(gov, [.api]), .notOpen,
          "nsrsbh nsrmc tyshxydm fddbr zs zgswjg djrq djzt hydm", keys: "nsrsbh"),
        r("纳税信用等级信息", "104005", "市地税局", "地税局系统", .yearly, .unconditional([.api, .push]), .open,
          "nsrsbh nsrmc nsxydj pdnd zgswjg fbrq", keys: "nsrsbh pdnd", tags: ["信用库"]),
        r("企业纳税信息", "3", "市地税局", "金税三期税收管理系统", .monthly, .conditional("需经纳税人授权，仅限政务服务办理使用", [.api]),
          .notOpen, "nsrsbh nsrmc sz ssqq ssqz jsyj sjse rkrq zgswjg", keys: "nsrsbh sz ssqq", related: ["纳税人登记信息"]),
        r("欠税公告信息", "3", "市地税局", "浙江省电子税务局", .quarterly, .unconditional([.api]), .open,
          "nsrsbh nsrmc fddbr qssz qsye@L1 zgswjg fbrq", keys: "nsrsbh qssz fbrq"),

        // 市城管委
        r("数字城管案件信息", "207001", "市城管委", "数字城管信息系统", .realtime, .unconditional([.api, .push]), .open,
          "ajbh ajlb ajly wtms fsdz ssqx ssjd sbsj czbm jasj ajzt", keys: "ajbh"),
        r("公共停车场信息", "207001", "市城管委", "停车诱导系统", .realtime, .unconditional([.api]), .open,
          "tccbh tccmc dz ssqx bwzs kxbws sfbz yydw jd wd sjgxsj", keys: "tccbh"),
        r("市政设施信息", "3", "市城管委", "市政设施管理系统", .quarterly, .conditional(supervision, [.push]), .notOpen,
          "ssbh ssmc sslx dz ssqx yhdw jcnf jd wd", keys: "ssbh"),
        r("城管行政处罚信息", "104003", "市城管委", "城管委系统", .weekly, .unconditional([.api]), .open,
          penalty, keys: "xzcfjdswh", tags: ["双公示"]),

        // 市发改委
        r("投资项目审批信息", "3", "市发改委", "浙江省投资项目在线审批监管平台", .daily, .unconditional([.api, .push]), .open,
          "xmdm xmmc xmdw tyshxydm jsdd ztz jsgmjnr splx spzt fmrq", keys: "xmdm"),
        r("重要商品价格监测信息", "3", "市发改委", "价格监测系统", .weekly, .unconditional([.api]), .open,
          "spmc ggdj jldw jcjg jcrq jcd hb tb", keys: "spmc ggdj jcrq jcd"),
        r("市重点建设项目信息", "3", "市发改委", "市发改委系统", .monthly, .unconditional([.api]), .open,
          "xmdm xmmc xmdw jsdd ztz ndjhtz wctz jsjd kgrq", keys: "xmdm", related: ["投资项目审批信息"]),

        // 市民政局
        r("婚姻登记信息", "101004", "市民政局", "全国婚姻登记信息系统", .daily, .conditional(consent, [.api, .query]), .notOpen,
          "jhzzh djlb nfxm nfsfzh nvfxm nvfsfzh djrq djjg", keys: "jhzzh", tags: ["人口库"]),
        r("最低生活保障对象", "201004", "市民政局", "浙江省社会救助信息系统", .monthly, .conditional(relief, [.api, .query]), .notOpen,
          "hzxm hzsfzh bzrs ybzje bzqsrq jtzz ssqx ssjd bzzt sprq", keys: "hzsfzh", tags: ["社会救助"]),
        r("社会组织法人信息", "102004", "市民政局", "社会组织管理系统", .monthly, .unconditional([.api, .push]), .open,
          "tyshxydm shzzmc shzzlx fddbr ywzgdw zs hddy clrq djzt djjg", keys: "tyshxydm", tags: ["法人库"]),
        r("养老机构信息", "3", "市民政局", "养老服务管理系统", .quarterly, .unconditional([.api]), .open,
          "tyshxydm jgmc jgxz dz ssqx cws szlrs lxdh@L1", keys: "tyshxydm"),

        // 市教育局
        r("学籍信息", "204001", "市教育局", "全国中小学生学籍信息管理系统", .monthly,
          .conditional("仅限入学审核和政务服务办理使用", [.api, .query]), .notOpen,
          "xjh gmsfhm xm xb csrq xxmc xxbsm nj bj rxny jdfs xjzt jhrxm jhrlxdh hjdz", keys: "xjh"),
        r("中小学校基本信息", "204001", "市教育局", "教育局系统", .yearly, .unconditional([.api, .push]), .open,
          "xxbsm xxmc bxlx xxdz ssqx xzxm zxss jzgs lxdh@L1 jd wd", keys: "xxbsm"),
        r("义务教育学区划分信息", "204002", "市教育局", "招生考试管理系统", .yearly, .unconditional([.api, .query]), .open,
          "xqmc dkxx mpdz ssqx ssjd zsnd", keys: "xqmc mpdz zsnd", related: ["中小学校基本信息"]),
        r("教师资格信息", "3", "市教育局", "全国教师管理信息系统", .yearly, .conditional(gov, [.api]), .notOpen,
          "jszgzsbh xm gmsfhm xb rjxk zc xxmc fzrq", keys: "jszgzsbh"),

        // 市建委
        r("建筑工程施工许可证", "105003", "市建委", "施工许可管理系统", .daily, .unconditional([.api, .push]), .open,
          "sgxkzbh xmmc jsdw jsdz sgdw sjdw htjg@L1 jzmj htgq fzrq fzjg", keys: "sgxkzbh", tags: ["证照库"]),
        r("建筑业企业资质信息", "105009", "市建委", "浙江省建筑市场监管与诚信信息平台", .weekly, .unconditional([.api]), .open,
          "zsbh qymc tyshxydm zzlbjdj fddbr zs fzrq yxqz fzjg", keys: "zsbh", tags: ["证照库"]),
        r("竣工验收备案信息", "3", "市建委", "市建委系统", .weekly, .unconditional([.api]), .open,
          "babh gcmc jsdw sgdw jzmj jgysrq barq ssqx", keys: "babh"),

        // 市卫生计生委
        r("出生医学证明信息", "101003", "市卫生计生委", "出生医学证明管理系统", .daily,
          .conditional("需经本人或监护人授权使用", [.api]), .notOpen,
          "cszmbh xsexm xb cssj csdd cstz mqxm mqsfzh fqxm fqsfzh qfjg qfrq", keys: "cszmbh", tags: ["人口库", "证照库"]),
        r("死亡医学证明信息", "101003", "市卫生计生委", "全民健康信息平台", .daily, .none, .notOpen,
          "swzmbh gmsfhm xm xb csrq swrq swdd swyy qfjg", keys: "swzmbh", tags: ["人口库"]),
        r("医疗机构执业许可证", "105006", "市卫生计生委", "医疗机构执业登记系统", .monthly, .unconditional([.api]), .open,
          "djh yljgmc tyshxydm syzxz yydj zlkm cws dz fddbr fzrq yxqz fzjg", keys: "djh", tags: ["证照库"]),
        r("预防接种信息", "205001", "市卫生计生委", "预防接种信息系统", .daily, .conditional("仅限入学入托查验使用", [.api, .query]),
          .notOpen, "gmsfhm xm csrq ymmc jc jzrq jzdw ymph scqy", keys: "gmsfhm ymmc jc"),
        r("执业医师信息", "205001", "市卫生计生委", "医疗机构执业登记系统", .monthly, .unconditional([.api, .query]), .restricted,
          "zyzsbm xm xb yszgzsbm zylb zyfw zydd fzrq", keys: "zyzsbm"),
        r("计划生育服务登记信息", "3", "市卫生计生委", "计划生育服务管理系统", .monthly, .conditional(consent, [.api]), .notOpen,
          "djh nfxm nfsfzh nvfxm nvfsfzh zncs djrq djjg", keys: "djh"),

        // 市园文局
        r("公园基本信息", "211001", "市园文局", "园林绿化管理系统", .yearly, .unconditional([.api]), .open,
          "gymc gylx mj@L1 dz ssqx kfsj sfmf jd wd", keys: "gymc"),
        r("文物保护单位信息", "211001", "市园文局", "文物保护管理系统", .yearly, .unconditional([.api]), .open,
          "wbdwmc bhjb nd lb dz ssqx gbpc gbrq", keys: "wbdwmc"),
        r("景区客流信息", "211002", "市园文局", "公园景区票务系统", .realtime, .unconditional([.api, .push]), .open,
          "jqmc tjsj kll zdczl ssddj ssqx", keys: "jqmc tjsj"),

        // 市环保局
        r("空气质量实时监测信息", "206001", "市环保局", "环境质量监测系统", .realtime, .unconditional([.api, .push]), .open,
          "jcdwmc jcrqsj aqi xklwnd kxrklwnd eyhlnd eyhdnd cynd yyhtnd sywrw kqzldj", keys: "jcdwmc jcrqsj"),
        r("排污许可证", "105008", "市环保局", "排污许可管理系统", .monthly, .unconditional([.api]), .open,
          "pwxkzbh dwmc tyshxydm hylb zywrwlb pffs zs fzrq yxqz fzjg", keys: "pwxkzbh", tags: ["证照库"]),
        r("建设项目环评审批信息", "3", "市环保局", "建设项目环评审批系统", .weekly, .unconditional([.api]), .open,
          "spwh xmmc jsdw jsdd hplb ztz hbtz sprq", keys: "spwh"),
        r("重点污染源在线监测信息", "3", "市环保局", "污染源在线监控系统", .realtime, .conditional(supervision, [.push]), .notOpen,
          "tyshxydm dwmc jcdwmc jcrqsj wrwmc pfnd pfl sfcb", keys: "tyshxydm jcdwmc jcrqsj wrwmc"),

        // 市气象局
        r("气象实况观测信息", "206002", "市气象局", "气象综合业务系统", .realtime, .unconditional([.api, .push]), .open,
          "zh zm gcsj qw xdsd jsl fx fs qy njd", keys: "zh gcsj"),
        r("气象预警信息", "206002", "市气象局", "气象预警发布系统", .realtime, .unconditional([.api, .push]), .open,
          "yjbh yjxhlx yjjb fbsj jcsj yxqy yjnr fbdw", keys: "yjbh"),
        r("城市天气预报", "206002", "市气象局", "气象服务系统", .daily, .unconditional([.api]), .open,
          "ybrq ssqx tqxx zgqw zdqw jsgl fx fs", keys: "ybrq ssqx"),

        // 信用办
        r("企业信用评价", "104001", "信用办", "杭州市公共信用信息平台", .monthly, .conditional(credit, [.api, .push]), .restricted,
          "tyshxydm qymc xydj pjdf pjnd pjjg pjyj", keys: "tyshxydm pjnd", tags: ["信用库"]),
        r("失信被执行人名单", "104002", "信用办", "杭州市公共信用信息平台", .daily, .unconditional([.api, .push, .query]), .restricted,
          "bzxrmc zjhm zxfy ah larq zxyjwh sxxwqx fbrq lxqk", keys: "ah", tags: ["信用库"]),
        r("行政许可信息", "104004", "信用办", "信用杭州网站", .daily, .unconditional([.api, .push]), .open,
          "xkjdswh xkxmmc xklb xknr xdrmc xdrtyshxydm xkjdrq yxqz xkjg", keys: "xkjdswh", tags: ["信用库", "双公示"]),
        r("行政处罚信息", "104003", "信用办", "杭州市公共信用信息平台", .daily, .unconditional([.api, .push]), .open,
          penalty, keys: "xzcfjdswh", tags: ["信用库", "双公示"]),
        r("联合奖惩名单", "104002", "信用办", "浙江省联合奖惩系统", .daily, .conditional(credit, [.api]), .notOpen,
          "tyshxydm qymc mdlx lryy lrbm lrrq ycrq", keys: "tyshxydm mdlx lrrq", tags: ["信用库"],
          related: ["失信被执行人名单"]),

        // 市数据资源管理局
        r("一窗受理办件信息", "210001", "市数据资源管理局", "一窗受理平台", .realtime, .conditional(gov, [.api, .query]), .notOpen,
          "bjbh sxbm sxmc sqrmc sqrzjhm sqfs slbm slsj bjsj bjzt", keys: "bjbh", tags: ["一窗受理"]),
        r("政务服务事项目录", "210001", "市数据资源管理局", "一窗受理平台", .weekly, .unconditional([.api, .push]), .open,
          "sxbm sxmc sxlx ssjg fdbjsx cnbjsx sfzdpyc sfwsbl bldd", keys: "sxbm", tags: ["最多跑一次"]),
        r("电子证照类型目录", "3", "市数据资源管理局", "电子证照库", .monthly, .unconditional([.api]), .open,
          "zzlxdm zzlxmc fzjg zzsl sfgx sjgxsj", keys: "zzlxdm", tags: ["证照库"]),

        // 市民卡公司
        r("市民卡发卡信息", "3", "市民卡公司", "市民卡发卡系统", .daily, .conditional(consent, [.api, .query]), .notOpen,
          "smkh gmsfhm xm klx kpzt fkrq fkwd jrgnzt sbgnzt", keys: "smkh"),
        r("公交刷卡统计信息", "203001", "市民卡公司", "市民卡支付结算系统", .daily, .unconditional([.api]), .open,
          "xlbh xlmc tjrq skrc skje ssqx", keys: "xlbh tjrq"),
        r("市民信用评分", "104001", "市民卡公司", "惠民征信系统", .monthly, .none, .notOpen,
          "gmsfhm xm grxyf xydj pfrq pfmxbb", keys: "gmsfhm pfrq", tags: ["信用库"]),

        // 区县
        r("网格基本信息", "207002", "西湖区", "西湖区基层治理四平台", .monthly, .conditional("仅限基层治理使用", [.query]), .notOpen,
          "wgbm wgmc sssq ssjd wgyxm wgylxdh hs rks", keys: "wgbm", tags: ["基层治理"]),
        r("基层治理事件信息", "207002", "余杭区", "余杭区基层治理四平台", .daily, .conditional("仅限基层治理使用", [.api, .query]),
          .notOpen, "sjbh sjlx sjms fsdz sswg ssjd sbsj czzt", keys: "sjbh", tags: ["基层治理"]),
    ]
}

/// The data items (信息项) the demo resources are made of, keyed by code.
enum FieldBook {
    private static func f(
        _ code: String, _ name: String, _ type: FieldType, _ length: Int?, _ grade: Int,
        required: Bool = false, sharing: SharingAttribute? = nil
    ) -> Field {
        Field(name: name, code: code, type: type, length: length, required: required,
              sensitivity: SecurityGrade(label: String(grade)) ?? .l4, sharing: sharing)
    }
    private static func s(_ c: String, _ n: String, _ len: Int, _ g: Int = 1, req: Bool = false) -> Field {
        f(c, n, .string, len, g, required: req)
    }
    private static func d(_ c: String, _ n: String, _ g: Int = 1) -> Field { f(c, n, .date, nil, g) }
    private static func t(_ c: String, _ n: String, _ g: Int = 1) -> Field { f(c, n, .datetime, nil, g) }
    private static func i(_ c: String, _ n: String, _ g: Int = 1) -> Field { f(c, n, .integer, nil, g) }
    private static func n(_ c: String, _ n: String, _ g: Int = 1) -> Field { f(c, n, .decimal, 18, g) }
    private static func b(_ c: String, _ n: String) -> Field { f(c, n, .boolean, nil, 1) }

    static let entries: [Field] = [
        // 人口
        s("gmsfhm", "公民身份号码", 18, 3, req: true), s("xm", "姓名", 50, 2, req: true), s("xb", "性别", 1),
        s("mz", "民族", 2), d("csrq", "出生日期", 2), s("jg", "籍贯", 100), s("hjdz", "户籍地址", 200, 3),
        s("jzdz", "居住地址", 200, 3), s("sjhm", "手机号码", 11, 3), s("lxdh", "联系电话", 20, 3),
        s("hyzk", "婚姻状况", 2, 2), s("whcd", "文化程度", 2), s("zy", "职业", 50), s("fwcs", "服务处所", 200, 2),
        s("hh", "户号", 20, 2), s("hzxm", "户主姓名", 50, 2), s("yhzgx", "与户主关系", 2, 2),
        s("hjdpcs", "户籍地派出所", 100), d("qrrq", "迁入日期", 2), s("jzzbh", "居住证编号", 30, 2),
        s("jzsy", "居住事由", 50), d("djrq", "登记日期"), d("yxqq", "有效期起"), d("yxqz", "有效期止"),
        s("fzjg", "发证机关", 100), d("fzrq", "发证日期"), s("zzbh", "证照编号", 50), t("sjgxsj", "数据更新时间"),
        s("xzqhdm", "行政区划代码", 6), s("ssjd", "所属街道", 100), s("sssq", "所属社区", 100),
        n("jd", "经度"), n("wd", "纬度"), s("dz", "地址", 200), s("ssqx", "所属区县", 50),
        d("swrq", "死亡日期", 2), s("swdd", "死亡地点", 200, 2), s("swzmbh", "死亡医学证明编号", 30, 2),
        f("swyy", "死亡原因", .string, 200, 4, sharing: .notShared),
        s("cszmbh", "出生医学证明编号", 20, 2), s("xsexm", "新生儿姓名", 50, 2), t("cssj", "出生时间", 2),
        s("csdd", "出生地点", 200, 2), n("cstz", "出生体重", 2), s("mqxm", "母亲姓名", 50, 2),
        s("mqsfzh", "母亲身份证号", 18, 3), s("fqxm", "父亲姓名", 50, 2), s("fqsfzh", "父亲身份证号", 18, 3),
        s("qfjg", "签发机构", 100), d("qfrq", "签发日期"),
        s("djlb", "登记类别", 10, 3), s("nfxm", "男方姓名", 50, 2), s("nfsfzh", "男方身份证号", 18, 3),
        s("nvfxm", "女方姓名", 50, 2), s("nvfsfzh", "女方身份证号", 18, 3), s("jhzzh", "结婚证字号", 30, 3),
        s("djjg", "登记机关", 100), i("zncs", "子女数", 3),

        // 法人
        s("tyshxydm", "统一社会信用代码", 18, req: true), s("qymc", "企业名称", 200, req: true), s("zch", "注册号", 30),
        s("qylx", "企业类型", 50), s("fddbr", "法定代表人", 50),
        f("fddbrzjhm", "法定代表人证件号码", .string, 18, 3, sharing: .conditional),
        n("zczb", "注册资本"), d("clrq", "成立日期"), s("zs", "住所", 200), s("jyfw", "经营范围", 2000),
        d("hzrq", "核准日期"), s("djzt", "登记状态", 20), d("yyqxqsrq", "营业期限起始日期"),
        d("yyqxjzrq", "营业期限截止日期"), s("hydm", "行业代码", 5), s("zhmc", "字号名称", 100),
        s("jyzxm", "经营者姓名", 50, 2), s("jyzsfzh", "经营者身份证号", 18, 3), s("jycs", "经营场所", 200),
        s("zcxs", "组成形式", 20), s("dwmc", "单位名称", 200, req: true), s("shzzmc", "社会组织名称", 200, req: true),
        s("shzzlx", "社会组织类型", 20), s("ywzgdw", "业务主管单位", 200), s("hddy", "活动地域", 100),
        i("nbnd", "年报年度"), i("cyrs", "从业人数", 2), n("zcze", "资产总额", 2), n("yyzsr", "营业总收入", 2),
        n("nsze", "纳税总额", 2), b("sfgs", "是否公示"), s("bgsx", "变更事项", 100), s("bgqnr", "变更前内容", 2000),
        s("bghnr", "变更后内容", 2000), d("bgrq", "变更日期"), i("zgxmsl", "在管项目数量"), n("glmj", "管理面积"),

        // 信用
        s("xydj", "信用等级", 10, 2), i("pjnd", "评价年度"), n("pjdf", "评价得分", 2), s("pjjg", "评价机构", 100),
        s("pjyj", "评价依据", 500), s("bzxrmc", "被执行人名称", 200, req: true), s("zjhm", "证件号码", 18, 3),
        s("zxfy", "执行法院", 100), s("ah", "案号", 50), d("larq", "立案日期"), s("zxyjwh", "执行依据文号", 100),
        s("sxxwqx", "失信行为情形", 500), d("fbrq", "发布日期"), s("lxqk", "履行情况", 100),
        s("xzcfjdswh", "行政处罚决定书文号", 100), s("xdrmc", "相对人名称", 200, req: true),
        s("xdrtyshxydm", "相对人统一社会信用代码", 18), s("cfsy", "处罚事由", 2000), s("cfyj", "处罚依据", 2000),
        s("cflb", "处罚类别", 50), s("cfnr", "处罚内容", 2000), n("fkje", "罚款金额"), d("cfjdrq", "处罚决定日期"),
        s("cfjg", "处罚机关", 100), s("xkjdswh", "行政许可决定书文号", 100), s("xkxmmc", "许可项目名称", 200),
        s("xklb", "许可类别", 50), s("xknr", "许可内容", 2000), d("xkjdrq", "许可决定日期"), s("xkjg", "许可机关", 100),
        s("nsxydj", "纳税信用等级", 2), i("pdnd", "评定年度"), s("mdlx", "名单类型", 20), d("lrrq", "列入日期"),
        s("lryy", "列入原因", 500), s("lrbm", "列入部门", 100), d("ycrq", "移出日期"),
        i("grxyf", "个人信用分", 3), d("pfrq", "评分日期", 2), s("pfmxbb", "评分模型版本", 20),

        // 证照
        s("bdcqzh", "不动产权证号", 50, 2), s("bdcdyh", "不动产单元号", 28, 2), s("qlr", "权利人", 200, 2),
        s("qlrzjhm", "权利人证件号码", 18, 3), s("zl", "坐落", 200, 2), s("qllx", "权利类型", 50),
        s("qlxz", "权利性质", 50), s("yt", "用途", 50), n("mj", "面积", 2), d("dbrq", "登簿日期", 2),
        s("gyqk", "共有情况", 50, 2), s("sgxkzbh", "施工许可证编号", 50), s("xmmc", "项目名称", 200),
        s("jsdw", "建设单位", 200), s("jsdz", "建设地址", 200), s("sgdw", "施工单位", 200), s("sjdw", "设计单位", 200),
        n("htjg", "合同价格", 2), n("jzmj", "建筑面积"), i("htgq", "合同工期"),
        s("dlysjyxkzh", "道路运输经营许可证号", 50), s("yhmc", "业户名称", 200), s("jjlx", "经济类型", 50),
        i("clsl", "车辆数量"), s("xkzbh", "许可证编号", 50), s("jyzmc", "经营者名称", 200), s("ztyt", "主体业态", 50),
        s("jyxm", "经营项目", 500), s("rcjdgljg", "日常监督管理机构", 100), s("yljgmc", "医疗机构名称", 200, req: true),
        s("djh", "登记号", 50), s("zlkm", "诊疗科目", 1000), i("cws", "床位数"), s("yydj", "医院等级", 20),
        s("syzxz", "所有制形式", 20), s("pwxkzbh", "排污许可证编号", 50), s("hylb", "行业类别", 100),
        s("zywrwlb", "主要污染物类别", 200), s("pffs", "排放方式", 50), s("zsbh", "证书编号", 50),
        s("zzlbjdj", "资质类别及等级", 500), s("zymc", "职业名称", 100), s("dj", "等级", 20),

        // 社会保障
        s("shbzhm", "社会保障号码", 18, 3), s("grbh", "个人编号", 20, 2), s("cbdwmc", "参保单位名称", 200),
        s("dwbh", "单位编号", 20), s("xzlx", "险种类型", 20), s("cbzt", "参保状态", 10, 2), d("cbrq", "参保日期", 2),
        n("jfjs", "缴费基数", 3), i("ljjfys", "累计缴费月数", 2), d("ltxrq", "离退休日期", 2), s("ffyf", "发放月份", 6, 2),
        n("ffje", "发放金额", 3), f("yhzh", "银行账号", .string, 30, 4, sharing: .notShared), s("khyh", "开户银行", 100, 2),
        s("dylb", "待遇类别", 20, 2), s("jysydjzh", "就业失业登记证号", 30, 2), s("djlx", "登记类型", 20),
        s("jyzt", "就业状态", 10, 2), i("cbrs", "参保人数", 2), s("zcd", "转出地", 100, 2), s("zrd", "转入地", 100, 2),
        d("zyrq", "转移日期", 2),

        // 公积金
        s("grgjjzh", "个人公积金账号", 20, 3), s("dwgjjzh", "单位公积金账号", 20, 2), n("jcjs", "缴存基数", 3),
        n("dwjcbl", "单位缴存比例", 2), n("grjcbl", "个人缴存比例", 2), n("yjce", "月缴存额", 3), n("zhye", "账户余额", 3),
        s("zhzt", "账户状态", 10, 2), d("khrq", "开户日期", 2), s("jzny", "缴至年月", 6, 2), i("jcrs", "缴存人数", 2),
        s("jkhtbh", "借款合同编号", 50, 2), n("dkje", "贷款金额", 3), i("dkqx", "贷款期限", 2), n("dkll", "贷款利率"),
        d("dkffrq", "贷款发放日期", 2), n("dkye", "贷款余额", 3), i("yqqs", "逾期期数", 3), s("dyfwzl", "抵押房屋坐落", 200, 3),
        s("tqlx", "提取类型", 20, 2), n("tqje", "提取金额", 3), d("tqrq", "提取日期", 2), s("skyh", "收款银行", 100, 2),

        // 住房
        s("ysxkzh", "预售许可证号", 50), s("lpmc", "楼盘名称", 200), s("kfqy", "开发企业", 200), s("ysfw", "预售范围", 500),
        n("ysmj", "预售面积"), i("ysts", "预售套数"), d("pzrq", "批准日期"), s("fwyt", "房屋用途", 50),
        s("htbah", "合同备案号", 50, 2), s("msr", "买受人", 100, 2), s("msrzjhm", "买受人证件号码", 18, 3),
        s("fwzl", "房屋坐落", 200, 2), n("cjjg", "成交价格", 2), d("barq", "备案日期"), s("bzfs", "保障方式", 20, 2),
        i("jtrks", "家庭人口数", 2), n("jtnsr", "家庭年收入", 3), s("pzfydz", "配租房源地址", 200, 2),
        n("zjbz", "租金标准"), d("shrq", "审核日期"), s("bzzt", "保障状态", 10, 2), s("jtzz", "家庭住址", 200, 3),
        d("sprq", "审批日期"), s("hzsfzh", "户主身份证号", 18, 3), i("bzrs", "保障人数", 3), n("ybzje", "月保障金额", 3),
        d("bzqsrq", "保障起始日期", 3), s("jgmc", "机构名称", 200, req: true), s("jgxz", "机构性质", 20),
        i("szlrs", "收住老人数"),

        // 交通
        s("cphm", "车牌号码", 10, 2), s("dlyszh", "道路运输证号", 30), s("clssqy", "车辆所属企业", 200),
        s("jsyxm", "驾驶员姓名", 50, 2), s("cyzgzh", "从业资格证号", 30, 2), d("yyrq", "营运日期"), n("yylc", "营运里程"),
        i("yycs", "营运次数"), n("yysr", "营运收入", 2), s("zdbm", "站点编码", 20), s("zdmc", "站点名称", 100),
        i("szqsl", "锁止器数量"), s("hphm", "号牌号码", 10, 2), s("hpzl", "号牌种类", 2), s("clsbdh", "车辆识别代号", 17, 2),
        s("cllx", "车辆类型", 10), s("syr", "所有人", 100, 2), d("ccdjrq", "初次登记日期"), s("jdczt", "机动车状态", 10),
        s("dabh", "档案编号", 20, 2), s("zjcx", "准驾车型", 10), d("cclzrq", "初次领证日期", 2), i("ljjf", "累积记分", 2),
        s("jszzt", "驾驶证状态", 10, 2), t("wfsj", "违法时间", 2), s("wfdd", "违法地点", 200, 2), s("wfxw", "违法行为", 200),
        i("jfz", "记分值"), s("clzt", "处理状态", 10), s("xlbh", "线路编号", 20), s("xlmc", "线路名称", 100),
        d("tjrq", "统计日期"), i("skrc", "刷卡人次"), n("skje", "刷卡金额"),

        // 税务
        s("nsrsbh", "纳税人识别号", 20), s("nsrmc", "纳税人名称", 200, req: true), s("sz", "税种", 50), d("ssqq", "所属期起"),
        d("ssqz", "所属期止"), n("jsyj", "计税依据", 2), n("sjse", "实缴税额", 3), d("rkrq", "入库日期", 2),
        s("zgswjg", "主管税务机关", 100), n("qsye", "欠税余额", 2), s("qssz", "欠税税种", 50),

        // 教育
        s("xjh", "学籍号", 30, 2), s("xxmc", "学校名称", 200), s("xxbsm", "学校标识码", 10), s("nj", "年级", 10),
        s("bj", "班级", 20), s("rxny", "入学年月", 6), s("jdfs", "就读方式", 10), s("xjzt", "学籍状态", 10, 2),
        s("jhrxm", "监护人姓名", 50, 2), s("jhrlxdh", "监护人联系电话", 20, 3), s("bxlx", "办学类型", 20),
        s("xxdz", "学校地址", 200), i("zxss", "在校生数"), i("jzgs", "教职工数"), s("xzxm", "校长姓名", 50),
        s("xqmc", "学区名称", 100), s("dkxx", "对口学校", 200), s("mpdz", "门牌地址", 200), i("zsnd", "招生年度"),
        s("jszgzsbh", "教师资格证书编号", 30, 2), s("rjxk", "任教学科", 50), s("zc", "职称", 20),

        // 卫生
        s("ymmc", "疫苗名称", 100, 2), d("jzrq", "接种日期", 2), s("jzdw", "接种单位", 200), i("jc", "剂次", 2),
        s("ymph", "疫苗批号", 50), s("scqy", "生产企业", 200), s("zyzsbm", "执业证书编码", 30), s("zylb", "执业类别", 20),
        s("zyfw", "执业范围", 100), s("zydd", "执业地点", 200), s("yszgzsbm", "医师资格证书编码", 30),

        // 国土
        s("dzjgh", "电子监管号", 30), s("zdbh", "宗地编号", 30), s("tdzl", "土地坐落", 200), n("crmj", "出让面积"),
        s("tdyt", "土地用途", 50), i("crnx", "出让年限"), s("gdfs", "供地方式", 20), s("srr", "受让人", 200),
        n("rjl", "容积率"), d("qdrq", "签订日期"), d("ydkgsj", "约定开工时间"), d("ydjgsj", "约定竣工时间"),
        s("dyqr", "抵押权人", 200, 2), n("bdbzqse", "被担保债权数额", 3), d("zwlxqxq", "债务履行期限起", 2),
        d("zwlxqxz", "债务履行期限止", 2), s("bdcdjzmh", "不动产登记证明号", 50, 2), s("xzqhmc", "行政区划名称", 100),
        s("sjxzqhdm", "上级行政区划代码", 6), s("jb", "级别", 10), n("zxdjd", "中心点经度"), n("zxdwd", "中心点纬度"),
        s("dzbm", "地址编码", 30), s("bzdz", "标准地址", 300), s("mph", "门牌号", 20), s("lzh", "楼幢号", 20),
        s("jlx", "街路巷", 100), s("spwh", "审批文号", 100), n("pzydmj", "批准用地面积"),

        // 市场监管
        s("sbdm", "设备代码", 30), s("sblb", "设备类别", 50), s("sydw", "使用单位", 200), s("sbdd", "设备地点", 200),
        d("xcjyrq", "下次检验日期"), s("jyjl", "检验结论", 20), s("cjbh", "抽检编号", 30), s("bcydw", "被抽样单位", 200),
        s("ypmc", "样品名称", 200), s("ggxh", "规格型号", 100), d("scrq", "生产日期"), d("cyrq", "抽样日期"),
        s("bhgxm", "不合格项目", 500),

        // 气象与环境
        s("zh", "站号", 10), s("zm", "站名", 50), t("gcsj", "观测时间"), n("qw", "气温"), n("xdsd", "相对湿度"),
        n("jsl", "降水量"), n("fx", "风向"), n("fs", "风速"), n("qy", "气压"), n("njd", "能见度"),
        s("yjbh", "预警编号", 30), s("yjxhlx", "预警信号类型", 50), s("yjjb", "预警级别", 10), t("fbsj", "发布时间"),
        t("jcsj", "解除时间"), s("yxqy", "影响区域", 500), s("yjnr", "预警内容", 2000), s("fbdw", "发布单位", 100),
        d("ybrq", "预报日期"), s("tqxx", "天气现象", 50), n("zgqw", "最高气温"), n("zdqw", "最低气温"), n("jsgl", "降水概率"),
        s("jcdwmc", "监测点位名称", 100), t("jcrqsj", "监测日期时间"), i("aqi", "空气质量指数"),
        n("xklwnd", "细颗粒物浓度"), n("kxrklwnd", "可吸入颗粒物浓度"), n("eyhlnd", "二氧化硫浓度"),
        n("eyhdnd", "二氧化氮浓度"), n("cynd", "臭氧浓度"), n("yyhtnd", "一氧化碳浓度"), s("sywrw", "首要污染物", 50),
        s("kqzldj", "空气质量等级", 10), s("jsdd", "建设地点", 200), s("hplb", "环评类别", 20), n("ztz", "总投资"),
        n("hbtz", "环保投资"), s("wrwmc", "污染物名称", 50), n("pfnd", "排放浓度"), n("pfl", "排放量"), b("sfcb", "是否超标"),

        // 城管、发改、园文
        s("ajbh", "案件编号", 30), s("ajlb", "案件类别", 50), s("ajly", "案件来源", 20), s("wtms", "问题描述", 2000),
        s("fsdz", "发生地址", 200), t("sbsj", "上报时间"), s("czbm", "处置部门", 100), t("jasj", "结案时间"),
        s("ajzt", "案件状态", 10), s("tccbh", "停车场编号", 30), s("tccmc", "停车场名称", 200), i("bwzs", "泊位总数"),
        i("kxbws", "空闲泊位数"), s("sfbz", "收费标准", 500), s("yydw", "运营单位", 200), s("ssbh", "设施编号", 30),
        s("ssmc", "设施名称", 200), s("sslx", "设施类型", 50), s("yhdw", "养护单位", 200), i("jcnf", "建成年份"),
        s("xmdm", "项目代码", 30), s("xmdw", "项目单位", 200), s("jsgmjnr", "建设规模及内容", 2000), s("splx", "审批类型", 20),
        s("spzt", "审批状态", 20), d("fmrq", "赋码日期"), n("ndjhtz", "年度计划投资"), n("wctz", "完成投资"),
        s("jsjd", "建设进度", 200), d("kgrq", "开工日期"), s("spmc", "商品名称", 100), s("ggdj", "规格等级", 100),
        s("jldw", "计量单位", 20), n("jcjg", "监测价格"), d("jcrq", "监测日期"), s("jcd", "监测点", 100),
        n("hb", "环比"), n("tb", "同比"), s("gymc", "公园名称", 100), s("gylx", "公园类型", 50), s("kfsj", "开放时间", 100),
        b("sfmf", "是否免费"), s("wbdwmc", "文物保护单位名称", 200), s("bhjb", "保护级别", 20), s("nd", "年代", 50),
        s("lb", "类别", 50), s("gbpc", "公布批次", 50), d("gbrq", "公布日期"), s("jqmc", "景区名称", 100),
        t("tjsj", "统计时间"), i("kll", "客流量"), i("zdczl", "最大承载量"), s("ssddj", "舒适度等级", 10),
        s("babh", "备案编号", 50), s("gcmc", "工程名称", 200), d("jgysrq", "竣工验收日期"),

        // 市民卡、政务服务、基层治理
        s("smkh", "市民卡号", 20, 3), s("klx", "卡类型", 20), s("kpzt", "卡片状态", 10, 2), d("fkrq", "发卡日期", 2),
        s("fkwd", "发卡网点", 100), s("jrgnzt", "金融功能状态", 10, 2), s("sbgnzt", "社保功能状态", 10, 2),
        s("bjbh", "办件编号", 50), s("sxbm", "事项编码", 50), s("sxmc", "事项名称", 200), s("sqrmc", "申请人名称", 200, 2),
        s("sqrzjhm", "申请人证件号码", 18, 3), s("sqfs", "申请方式", 20), s("slbm", "受理部门", 100), t("slsj", "受理时间"),
        t("bjsj", "办结时间"), s("bjzt", "办件状态", 10), s("sxlx", "事项类型", 50), s("ssjg", "实施机关", 100),
        i("fdbjsx", "法定办结时限"), i("cnbjsx", "承诺办结时限"), b("sfzdpyc", "是否最多跑一次"), b("sfwsbl", "是否网上办理"),
        s("bldd", "办理地点", 200), s("zzlxdm", "证照类型代码", 20), s("zzlxmc", "证照类型名称", 100), i("zzsl", "证照数量"),
        b("sfgx", "是否共享"), s("wgbm", "网格编码", 30), s("wgmc", "网格名称", 100), s("wgyxm", "网格员姓名", 50, 2),
        s("wgylxdh", "网格员联系电话", 20, 3), i("hs", "户数"), i("rks", "人口数"), s("sjbh", "事件编号", 30),
        s("sjlx", "事件类型", 50), s("sjms", "事件描述", 2000, 2), s("sswg", "所属网格", 100), s("czzt", "处置状态", 10),
    ]

    /// The book by code; a repeated code or name is a mistake in the table.
    static func fields() throws -> [String: Field] {
        var byCode: [String: Field] = [:]
        var names = Set<String>()
        for field in entries {
            guard byCode[field.code] == nil, names.insert(field.name).inserted else {
                throw DemoDataError(description: "field book repeats \(field.code) / \(field.name)")
            }
            byCode[field.code] = field
        }
        return byCode
    }
}
