import ArgumentParser
import Foundation
import ShuhuiCore
import ShuhuiStore

/// `shuhui report weekly|monthly`: a bulletin as a file. An issued bulletin gives its frozen
/// content; otherwise the figures are read now from the roll-ups.
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write the weekly bulletin or the monthly report as a file.",
                                                    subcommands: [Weekly.self, Monthly.self])

    struct Output: ParsableArguments {
        @Option(help: "html, xlsx, docx or csv.") var format: String = "html"
        @Option(name: .shortAndLong, help: "Output file. For csv without --attachment, one file per attachment: FILE-1.csv, FILE-2.csv …") var output: String
        @Option(help: "Attachment number for csv (1–5, 6 with one-window data).") var attachment: Int?
        @Option(help: "zh-CN (default) or en.") var lang: String = "zh-CN"
        @Flag(help: "Print how long reading the figures and rendering took (bench/bulletin).") var timing = false
    }

    struct Weekly: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The bulletin of the week (Saturday–Friday) ending on a Friday.")
        @OptionGroup var storage: StorageOptions
        @Option(help: "The week's Friday, YYYY-MM-DD.") var weekEnding: String
        @OptionGroup var out: Output

        func run() async throws {
            guard let day = CalendarDate(iso: weekEnding) else { throw fail("--week-ending: not a date YYYY-MM-DD / 日期格式应为 YYYY-MM-DD") }
            guard let period = ReportPeriod.week(ending: day) else { throw fail("--week-ending: \(weekEnding) is not a Friday / 不是星期五") }
            try await Report.write(period, storage: storage, out: out)
        }
    }

    struct Monthly: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The monthly report of a calendar month.")
        @OptionGroup var storage: StorageOptions
        @Option(help: "The month, YYYY-MM.") var month: String
        @OptionGroup var out: Output

        func run() async throws {
            guard let day = CalendarDate(iso: month + "-01") else { throw fail("--month: expected YYYY-MM / 月份格式应为 YYYY-MM") }
            try await Report.write(ReportPeriod.month(containing: day), storage: storage, out: out)
        }
    }

    static func write(_ period: ReportPeriod, storage: StorageOptions, out: Output) async throws {
        guard let format = BulletinFormat(rawValue: out.format) else { throw fail("--format must be html, xlsx, docx or csv") }
        guard let language = Language(rawValue: out.lang) else { throw fail("--lang must be zh-CN or en") }
        let store = try await storage.open(logger: makeLogger())
        let started = ContinuousClock.now
        let document: BulletinDocument, html: String
        do {
            if let record = try await store.bulletin(kind: period.kind, end: period.end) {
                document = try await store.bulletinView(id: record.id, language: language).document
                html = try await store.bulletinHTML(id: record.id, language: language)
            } else {
                document = try await store.previewBulletin(period, language: language).document
                html = BulletinHTML.document(document)
            }
        } catch {
            await store.close()
            throw fail(describe(error))
        }
        await store.close()
        var files: [(String, Data)] = []
        if format == .csv && out.attachment == nil {
            let stem = out.output.hasSuffix(".csv") ? String(out.output.dropLast(4)) : out.output
            for a in document.attachments {
                if let data = BulletinExport.csv(document, attachment: a.number) { files.append(("\(stem)-\(a.number).csv", data)) }
            }
        } else {
            guard let data = try BulletinExport.render(document, html: html, format: format, attachment: out.attachment) else {
                throw fail("--attachment must be 1–\(document.attachments.count)")
            }
            files.append((out.output, data))
        }
        if out.timing {
            let elapsed = ContinuousClock.now - started
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            FileHandle.standardError.write(Data("bulletin_ms \(String(format: "%.1f", ms))\n".utf8))
        }
        for (path, data) in files {
            guard FileManager.default.createFile(atPath: path, contents: data) else { throw fail("cannot write \(path) / 无法写入") }
            print("wrote \(path) (\(data.count) bytes)")
        }
    }
}

/// `shuhui balances import|list`: opening balances (期初数).
struct Balances: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import or list opening balances (期初数).", subcommands: [Import.self, List.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import a CSV: 单位,系统,指标,截至日期,数值,备注 — all or nothing.")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "The CSV file.") var file: String

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw fail("cannot read \(file) / 无法读取文件") }
            let store = try await storage.open(logger: makeLogger())
            do {
                let n = try await store.importOpeningBalances(csv: data, by: operatorPrincipal)
                print("set \(n) opening balances / 已设置 \(n) 条期初数")
            } catch {
                await store.close()
                throw fail(describe(error))
            }
            await store.close()
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List opening balances with who set them.")
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let store = try await storage.open(logger: makeLogger())
            let items = try await store.openingBalances()
            await store.close()
            print(["单位", "系统", "指标", "截至日期", "数值", "备注", "设置人", "设置时间"].joined(separator: "\t"))
            for b in items {
                print([b.organizationName, b.systemName ?? "", b.measure.rawValue, b.asOf, String(b.value), b.note, b.setBy,
                       ISO8601DateFormatter().string(from: b.setAt)].joined(separator: "\t"))
            }
        }
    }
}
