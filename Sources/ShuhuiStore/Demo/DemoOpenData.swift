// The demo city's open portal: records for a handful of open and restricted resources, one
// publication of every resource the open policy allows, a developer with an approved
// application and two showcased apps. Deterministic apart from the developer's key secret.
import Foundation
import ShuhuiCore
import ShuhuiSpreadsheet

/// Loads the open-data part of the demo city.
enum DemoOpenData {
    static func load(into store: Store, admin: Principal) async throws {
        var rng = SplitMix64(seed: 0x4F50_454E_4441_5441)
        let resources = try await store.resources()
        func code(_ name: String) throws -> String {
            guard let r = resources.first(where: { $0.draft.name == name }) else { throw DemoDataError(description: "open demo: no resource \(name)") }
            return r.code
        }
        for (name, csv) in try tables(&rng) {
            let report = try await store.ingest(code: try code(name), chunks: AsyncStream<Data> { c in c.yield(Data(csv.utf8)); c.finish() },
                                                options: IngestOptions(format: .csv, mode: .append, charset: .utf8), by: admin)
            guard report.rowsStored > 0 else { throw DemoDataError(description: "open demo: \(name) stored no rows (\(report.problemRows) problems)") }
        }
        // Every resource the policy allows is published once; the rest (L4, 禁止开放) never are.
        for r in resources where OpenPolicy.access(r) != nil {
            try await store.publishOpenDataset(code: r.code, by: admin)
        }
        let (developer, _) = try await store.registerDeveloper(DeveloperRegistration(
            kind: .company, name: "杭州数联科技有限公司", email: "open@shulian.example", creditCode: "91310115MA1K3BTP2B"))
        let datasets = try await store.openDatasets()
        if let blacklist = datasets.first(where: { $0.resource.draft.name == "失信被执行人名单" }) {
            let application = try await store.applyForDataset(blacklist, developerID: developer.id, purpose: "企业风控：合作方失信核查")
            _ = try await store.decideApplication(id: application.id, approve: true, reason: "", by: admin)
        }
        let names = { (titles: [String]) in datasets.filter { titles.contains($0.resource.draft.name) }.map(\.name) }
        for (title, text, url, uses) in [
            ("杭州空气质量日历", "按监测点展示每小时空气质量指数和首要污染物。", "https://aqi.shulian.example", ["空气质量实时监测信息", "城市天气预报"]),
            ("骑行杭州", "公共自行车站点、锁止器数量与周边景区客流的一张图。", "https://bike.shulian.example", ["公共自行车站点信息", "景区客流信息"]),
        ] {
            let app = try await store.submitApp(developerID: developer.id, name: title, description: text, url: url, datasets: names(uses))
            _ = try await store.reviewApp(id: app.id, approve: true, reason: "", by: admin)
        }
    }

    /// CSV bodies for the resources that get demo records.
    static func tables(_ rng: inout SplitMix64) throws -> [(String, String)] {
        let districts = ["上城区", "拱墅区", "西湖区", "滨江区", "萧山区", "余杭区", "临平区", "钱塘区", "富阳区", "临安区"]
        let stations = ["卧龙桥", "西溪", "千岛湖", "朝晖五区", "和睦小学", "下沙", "临平镇", "城厢镇", "滨江", "云栖"]
        var out: [(String, String)] = []

        var air = "jcdwmc,jcrqsj,aqi,xklwnd,kxrklwnd,eyhlnd,eyhdnd,cynd,yyhtnd,sywrw,kqzldj\n"
        for s in stations {
            for h in 0..<48 {
                let aqi = 30 + rng.below(140)
                let grade = aqi <= 50 ? "优" : aqi <= 100 ? "良" : aqi <= 150 ? "轻度污染" : "中度污染"
                let primary = aqi <= 50 ? "" : ["PM2.5", "PM10", "O3", "NO2"][rng.below(4)]
                air += "\(s),2026-11-\(two(29 + h / 24)) \(two(h % 24)):00:00,\(aqi),\(rng.below(110)),\(rng.below(150)),\(rng.below(20)),\(rng.below(60)),\(rng.below(180)),0.\(rng.below(9) + 1),\(primary),\(grade)\n"
            }
        }
        out.append(("空气质量实时监测信息", air))

        var bikes = "zdbm,zdmc,dz,ssqx,jd,wd,szqsl,sjgxsj\n"
        let roads = ["文三路", "学院路", "延安路", "解放路", "凤起路", "莫干山路", "江南大道", "钱江路", "体育场路", "天目山路"]
        for i in 1...300 {
            let road = roads[rng.below(roads.count)]
            bikes += "ZD\(String(format: "%05d", i)),\(road)\(i)号站,\(road)\(rng.below(500) + 1)号,\(districts[rng.below(districts.count)]),120.\(100000 + rng.below(200000)),30.\(200000 + rng.below(100000)),\(10 + rng.below(31)),2026-12-01 06:00:00\n"
        }
        out.append(("公共自行车站点信息", bikes))

        var scenic = "jqmc,tjsj,kll,zdczl,ssddj,ssqx\n"
        for (spot, district, cap) in [("西湖风景名胜区", "西湖区", 300000), ("西溪国家湿地公园", "西湖区", 60000), ("灵隐飞来峰", "西湖区", 40000),
                                      ("宋城", "西湖区", 50000), ("良渚古城遗址公园", "余杭区", 30000), ("湘湖", "萧山区", 45000)] {
            for d in 1...30 {
                let flow = cap / 10 + rng.below(cap / 2)
                scenic += "\(spot),2026-11-\(two(d)) 18:00:00,\(flow),\(cap),\(flow * 100 / cap < 30 ? "舒适" : flow * 100 / cap < 60 ? "较舒适" : "拥挤"),\(district)\n"
            }
        }
        out.append(("景区客流信息", scenic))

        var weather = "ybrq,ssqx,tqxx,zgqw,zdqw,jsgl,fx,fs\n"
        for d in 1...30 {
            for district in districts {
                let low = 3 + rng.below(8)
                weather += "2026-11-\(two(d)),\(district),\(["晴", "多云", "阴", "小雨", "中雨"][rng.below(5)]),\(low + 4 + rng.below(8)),\(low),\(rng.below(100)),\(rng.below(360)),\(1 + rng.below(6))\n"
            }
        }
        out.append(("城市天气预报", weather))

        var blacklist = "bzxrmc,zjhm,zxfy,ah,larq,zxyjwh,sxxwqx,fbrq,lxqk\n"
        let courts = ["杭州市中级人民法院", "西湖区人民法院", "上城区人民法院", "萧山区人民法院"]
        for i in 1...120 {
            let name = DemoNames.person(&rng)
            let id = residentID(region: ["330106", "330102", "330109", "330110"][rng.below(4)], birth: "19\(60 + rng.below(40))\(two(1 + rng.below(12)))\(two(1 + rng.below(28)))", serial: 100 + rng.below(899))
            blacklist += "\(name),\(id),\(courts[rng.below(courts.count)]),（2025）浙01执\(1000 + i)号,2025-\(two(1 + rng.below(12)))-\(two(1 + rng.below(28))),（2024）浙01民初\(200 + i)号,有履行能力而拒不履行生效法律文书确定义务,2026-\(two(1 + rng.below(10)))-\(two(1 + rng.below(28))),全部未履行\n"
        }
        out.append(("失信被执行人名单", blacklist))
        return out
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// A resident ID with a correct check character (GB 11643).
    static func residentID(region: String, birth: String, serial: Int) -> String {
        let body = region + birth + String(serial)
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return body + String(Array("10X98765432")[sum % 11])
    }
}
