/// Writes a bulletin from its figures: the sentences of section 二 with their numbers, the
/// ranked attachments with their 其他 and 合计 rows, 表 1, section 四 and the frame. Pure:
/// the same figures, text and settings always give the same document.
public enum BulletinComposer {
    /// Composes the document.
    ///
    /// - Parameters:
    ///   - figures: what the roll-ups say for the period.
    ///   - work: section 一, written by the bureau; one paragraph per line.
    ///   - oneWindow: section 三 and 附件 6 when the one-window platform has data, else nil.
    ///   - settings: the frame's wording and how many units each attachment lists.
    ///   - language: the document's language.
    public static func compose(_ figures: BulletinFigures, work: String, oneWindow: OneWindowSection?,
                               settings: BulletinSettings, language: Language) -> BulletinDocument {
        let c = Composer(f: figures, lang: language, top: settings.topUnits)
        let end = CalendarDate(iso: figures.end) ?? CalendarDate(dayNumber: 0)
        let dateLine = language == .zh ? ReportPeriod.chinese(end) : end.description

        // 附件 1–5 (and 6 from the one-window platform).
        var attachments = [c.collectionTable(), c.pushTable(), c.callsTable(), c.unusedTable(), c.queryTable()]
        if var extra = oneWindow?.attachment {
            extra.number = attachments.count + 1
            attachments.append(extra)
        }

        var sections: [BulletinSection] = []
        let workParagraphs = work.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters() }.filter { !$0.isEmpty }
        sections.append(BulletinSection(heading: "", blocks: workParagraphs.isEmpty
            ? [BulletinBlock(.paragraph, c.t("bulletin.work.empty"))] : workParagraphs.map { BulletinBlock(.paragraph, $0) }))
        sections.append(BulletinSection(heading: "", blocks: c.figuresSection()))
        if let oneWindow { sections.append(BulletinSection(heading: "", blocks: oneWindow.blocks)) }
        sections.append(BulletinSection(heading: "", blocks: c.problemsSection()))
        let headings = ["bulletin.section.work", "bulletin.section.figures"] + (oneWindow == nil ? [] : ["bulletin.section.oneWindow"]) + ["bulletin.section.problems"]
        for i in sections.indices { sections[i].heading = numeral(i + 1, language) + c.t(headings[i]) }

        return BulletinDocument(
            kind: figures.kind, start: figures.start, end: figures.end, language: language,
            heading: settings.heading, title: c.t("bulletin.title.\(figures.kind.rawValue)"), bureau: settings.bureau, dateLine: dateLine,
            sections: sections, attachmentList: attachments.map { "\($0.number). \($0.title)" }, attachments: attachments,
            trend: figures.collectionTrend, signature: settings.signature,
            reportTo: c.t("bulletin.reportToLabel") + settings.reportTo, copyTo: c.t("bulletin.copyToLabel") + settings.copyTo,
            issuedLine: Strings.format("bulletin.issuedLine", ["date": dateLine]).text(language))
    }

    /// 一、二、三、… in Chinese; 1. 2. 3. in English.
    static func numeral(_ n: Int, _ language: Language) -> String {
        let zh = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        return language == .zh ? (n <= zh.count ? zh[n - 1] : String(n)) + "、" : "\(n). "
    }
}

/// The composer's working state: the figures, the language and the string look-ups.
private struct Composer {
    let f: BulletinFigures
    let lang: Language
    let top: Int

    init(f: BulletinFigures, lang: Language, top: Int) {
        self.f = f
        self.lang = lang
        self.top = top
    }

    func t(_ key: String) -> String { Strings[key].text(lang) }
    func t(_ key: String, _ values: [String: String]) -> String {
        var v = values
        v["period"] = v["period"] ?? t("bulletin.period.\(f.kind.rawValue)")
        return Strings.format(key, v).text(lang)
    }
    var days: Int { (CalendarDate(iso: f.end)?.dayNumber ?? 0) - (CalendarDate(iso: f.start)?.dayNumber ?? 0) + 1 }
    var cutOff: String {
        guard let d = CalendarDate(iso: f.end) else { return f.end }
        return lang == .zh ? ReportPeriod.chineseShort(d) : d.description
    }
    func g(_ n: Int64) -> String { BulletinNumber.grouped(n) }
    func g(_ n: Int) -> String { BulletinNumber.grouped(Int64(n)) }

    // MARK: section 二

    func figuresSection() -> [BulletinBlock] {
        var blocks: [BulletinBlock] = [BulletinBlock(.subheading, t("bulletin.sub.collection"))]
        let col = RankedTable(f.collection, top: top)
        blocks.append(BulletinBlock(.paragraph, t("bulletin.collection.cumulative", [
            "date": cutOff, "units": g(col.unitCount), "tables": g(col.total.counts.first ?? 0), "fields": g(col.total.counts.dropFirst().first ?? 0),
            "rows": BulletinNumber.yi(col.total.cumulative), "storage": BulletinNumber.storage(f.storedBytes)])))
        let activeCollectors = f.collection.filter { $0.weekly > 0 }.count
        blocks.append(BulletinBlock(.paragraph, t("bulletin.collection.period", [
            "rows": BulletinNumber.yi(col.total.weekly), "units": g(activeCollectors),
            "daily": BulletinNumber.yi(BulletinNumber.average(col.total.weekly, over: days)), "n": "1"])))
        blocks.append(BulletinBlock(.chart, t("bulletin.chart")))

        blocks.append(BulletinBlock(.subheading, t("bulletin.sub.sharing")))
        if f.sharingCountersAvailable {
            let push = RankedTable(f.push, top: top)
            blocks.append(BulletinBlock(.paragraph, t("bulletin.push.cumulative", [
                "date": cutOff, "rows": BulletinNumber.yi(push.total.cumulative), "ptables": g(f.provincialTables),
                "pfields": g(f.provincialFields), "prows": BulletinNumber.yi(f.provincialRows)])))
            blocks.append(BulletinBlock(.paragraph, t("bulletin.push.period", [
                "units": g(push.unitCount), "tables": g(push.total.counts.first ?? 0), "fields": g(push.total.counts.dropFirst().first ?? 0),
                "rows": BulletinNumber.yi(push.total.weekly), "active": g(f.push.filter { $0.weekly > 0 }.count),
                "daily": BulletinNumber.yi(BulletinNumber.average(push.total.weekly, over: days)), "n": "2"])))
        } else {
            blocks.append(BulletinBlock(.paragraph, t("bulletin.push.unavailable")))
        }

        let calls = RankedTable(f.calls, top: top)
        blocks.append(BulletinBlock(.paragraph, t("bulletin.api.cumulative", [
            "published": g(f.servicesPublished), "provincial": g(f.servicesProvincial), "inUse": g(f.servicesInUse),
            "units": g(calls.unitCount), "systems": g(calls.rowCount), "services": g(f.servicesCalled),
            "calls": BulletinNumber.wanWhole(calls.total.cumulative)])))
        blocks.append(BulletinBlock(.paragraph, t("bulletin.api.period", [
            "calls": BulletinNumber.wanWhole(calls.total.weekly),
            "daily": BulletinNumber.wanWhole(BulletinNumber.average(calls.total.weekly, over: days)), "n": "3"])))

        if f.sharingCountersAvailable {
            let q = RankedTable(f.query, top: top)
            blocks.append(BulletinBlock(.paragraph, t("bulletin.query.cumulative", [
                "published": g(f.modulesPublished), "inUse": g(f.modulesInUse), "units": g(q.unitCount),
                "visited": g(f.modulesInUse), "visits": g(q.total.cumulative), "users": g(f.queryUsers), "connected": g(f.connectedUnits)])
                + t("bulletin.requests", ["units": g(f.requestingUnits), "requests": g(f.requests)])))
            blocks.append(BulletinBlock(.paragraph, t("bulletin.query.period", [
                "modules": g(f.modulesVisitedInPeriod), "visits": g(q.total.weekly),
                "daily": g(BulletinNumber.average(q.total.weekly, over: days)), "n": "5"])))
        } else {
            blocks.append(BulletinBlock(.paragraph, t("bulletin.query.unavailable") + t("bulletin.requests", ["units": g(f.requestingUnits), "requests": g(f.requests)])))
        }
        blocks.append(BulletinBlock(.paragraph, t("bulletin.demand.intro")))
        let demand = AttachmentTable(
            number: 0, title: t("bulletin.demand.caption"),
            header: [t("bulletin.demand.day"), t("bulletin.demand.push"), t("bulletin.demand.api"), t("bulletin.demand.query")],
            rows: f.demand.map { d in
                let day = CalendarDate(iso: d.day).map { lang == .zh ? ReportPeriod.chineseShort($0) : $0.description } ?? d.day
                return [day, String(d.push), String(d.api), String(d.query)]
            })
        blocks.append(BulletinBlock(.table, t("bulletin.demand.caption"), table: demand))
        return blocks
    }

    // MARK: section 四

    func problemsSection() -> [BulletinBlock] {
        let rows = unusedRanked()
        guard let first = rows.first else { return [BulletinBlock(.paragraph, t("bulletin.problems.none"))] }
        return [
            BulletinBlock(.paragraph, t("bulletin.problems.unused", [
                "first": first.unitName, "units": g(rows.count), "count": g(rows.reduce(0) { $0 + $1.count }), "n": "4"])),
            BulletinBlock(.note, t("bulletin.problems.note")),
        ]
    }

    func unusedRanked() -> [UnusedRow] {
        f.unused.filter { $0.count > 0 }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.unitName < $1.unitName }
    }

    // MARK: attachments

    /// Count columns padded to `width`, so an empty table's 合计 row still fills every column.
    func cells(_ counts: [Int64], _ width: Int) -> [String] {
        (0..<width).map { $0 < counts.count ? String(counts[$0]) : "0" }
    }

    func volumeTable(number: Int, titleKey: String, rows: [CounterRow], cumulativeKey: String, periodKey: String) -> AttachmentTable {
        let r = RankedTable(rows, top: top)
        var body: [[String]] = []
        for (i, row) in r.top.enumerated() {
            body.append([String(i + 1), row.unitName] + cells(row.counts, 2) + [BulletinNumber.wan(row.cumulative), BulletinNumber.wan(row.weekly)])
        }
        if let o = r.others, let first = r.folded.first {
            body.append([String(r.top.count + 1), t("bulletin.row.others", ["first": first.unitName])] + cells(o.counts, 2)
                        + [BulletinNumber.wan(o.cumulative), BulletinNumber.wan(o.weekly)])
        }
        body.append([t("bulletin.row.total"), t("bulletin.row.units", ["n": String(r.unitCount)])] + cells(r.total.counts, 2)
                    + [BulletinNumber.wan(r.total.cumulative), BulletinNumber.wan(r.total.weekly)])
        return AttachmentTable(number: number, title: t(titleKey),
                               header: [t("bulletin.col.no"), t("bulletin.col.unitName"), t("bulletin.col.tables"), t("bulletin.col.fields"), t(cumulativeKey), t(periodKey, [:])],
                               rows: body)
    }

    func collectionTable() -> AttachmentTable {
        volumeTable(number: 1, titleKey: "bulletin.att.collection", rows: f.collection,
                    cumulativeKey: "bulletin.col.collectedCum", periodKey: "bulletin.col.collectedPeriod")
    }

    func pushTable() -> AttachmentTable {
        volumeTable(number: 2, titleKey: "bulletin.att.push", rows: f.push, cumulativeKey: "bulletin.col.pushedCum", periodKey: "bulletin.col.pushedPeriod")
    }

    func callsTable() -> AttachmentTable {
        let r = RankedTable(f.calls, top: top)
        var body: [[String]] = []
        for (i, row) in r.top.enumerated() {
            body.append([String(i + 1), row.unitName, row.systemName ?? "", BulletinNumber.wan(row.cumulative), BulletinNumber.wan(row.weekly)])
        }
        if let o = r.others {
            body.append([String(r.top.count + 1), t("bulletin.row.othersUnits", ["n": String(r.foldedUnitCount)]),
                         t("bulletin.row.othersSystems", ["n": String(r.folded.count)]), BulletinNumber.wan(o.cumulative), BulletinNumber.wan(o.weekly)])
        }
        body.append([t("bulletin.row.sum"), t("bulletin.row.unitsCalls", ["n": String(r.unitCount)]), t("bulletin.row.systems", ["n": String(r.rowCount)]),
                     BulletinNumber.wan(r.total.cumulative), BulletinNumber.wan(r.total.weekly)])
        return AttachmentTable(number: 3, title: t("bulletin.att.calls"),
                               header: [t("bulletin.col.no"), t("bulletin.col.unit"), t("bulletin.col.system"), t("bulletin.col.callsCum"), t("bulletin.col.callsPeriod", [:])],
                               rows: body)
    }

    func unusedTable() -> AttachmentTable {
        let rows = unusedRanked()
        var body = rows.enumerated().map { i, r in [String(i + 1), r.unitName, String(r.count)] }
        body.append([t("bulletin.row.total"), t("bulletin.row.unitsDistricts", ["n": String(rows.count)]), String(rows.reduce(0) { $0 + $1.count })])
        return AttachmentTable(number: 4, title: t("bulletin.att.unused"),
                               header: [t("bulletin.col.no"), t("bulletin.col.unusedUnit"), t("bulletin.col.unusedCount")], rows: body,
                               note: t("bulletin.unused.note", ["days": String(f.unusedDays)]))
    }

    func queryTable() -> AttachmentTable {
        let r = RankedTable(f.query, top: top)
        var body: [[String]] = []
        for (i, row) in r.top.enumerated() {
            body.append([String(i + 1), row.unitName] + cells(row.counts, 1) + [String(row.cumulative), String(row.weekly)])
        }
        if let o = r.others, let first = r.folded.first {
            body.append([String(r.top.count + 1), t("bulletin.row.othersQuery", ["first": first.unitName])] + cells(o.counts, 1)
                        + [String(o.cumulative), String(o.weekly)])
        }
        body.append([t("bulletin.row.total"), t("bulletin.row.unitsDistricts", ["n": String(r.unitCount)])] + cells(r.total.counts, 1)
                    + [String(r.total.cumulative), String(r.total.weekly)])
        return AttachmentTable(number: 5, title: t("bulletin.att.query"),
                               header: [t("bulletin.col.no"), t("bulletin.col.queryUnit"), t("bulletin.col.modules"), t("bulletin.col.visitsCum"), t("bulletin.col.visitsPeriod", [:])],
                               rows: body)
    }
}

extension Substring {
    func trimmingCharacters() -> String {
        var s = self
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
