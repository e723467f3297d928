import ArgumentParser
import Foundation
import ShuhuiCore
import ShuhuiSpreadsheet
import ShuhuiStore

/// `shuhui one-window …`: the one-window spreadsheets and the bulletin's figures.
struct OneWindowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "one-window", abstract: "Import or export matters, system joins and indicator values; print the one-window summary.",
        subcommands: [Import.self, Export.self, Summary.self])

    /// The three spreadsheets.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case matters, joins, indicators
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import a spreadsheet (XLSX or CSV); any bad row means nothing is applied.")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "matters, joins or indicators.") var kind: Kind
        @Argument(help: "The .xlsx or .csv file.") var file: String
        @Option(help: "Indicator values: the period when the file has no 统计期 column (e.g. 2018-07-27).") var period: String?
        @Flag(help: "Joins: the file is the whole plan.") var replace = false

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw fail("cannot read \(file) / 无法读取文件") }
            let name = (file as NSString).lastPathComponent
            let store = try await storage.open(logger: makeLogger())
            do {
                switch kind {
                case .matters:
                    let r = try await store.importMatters(data: data, filename: name, by: operatorPrincipal)
                    print("created \(r.created.count), updated \(r.updated.count), unchanged \(r.unchanged.count)")
                case .joins:
                    let r = try await store.importSystemJoins(data: data, filename: name, replace: replace, by: operatorPrincipal)
                    print("\(r.systems) systems, \(r.planned) planned, \(r.joined) joined")
                case .indicators:
                    let r = try await store.importIndicatorValues(data: data, filename: name, period: period, by: operatorPrincipal)
                    print("\(r.values) values for \(r.units) units, periods \(r.periods.joined(separator: ", "))")
                }
            } catch {
                await store.close()
                throw fail(describe(error))
            }
            await store.close()
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Export a spreadsheet in its import layout.")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "matters, joins or indicators.") var kind: Kind
        @Option(name: .shortAndLong, help: "Output file (.xlsx or .csv).") var output: String
        @Option(help: "Indicator values: the period (default: the latest).") var period: String?

        func run() async throws {
            let store = try await storage.open(logger: makeLogger())
            let rows: [[String]]
            do {
                switch kind {
                case .matters: rows = try await store.exportMatterRows()
                case .joins: rows = try await store.exportSystemJoinRows()
                case .indicators:
                    let latest = try await store.indicatorPeriods().last
                    rows = try await store.exportIndicatorRows(period: period ?? latest ?? "")
                }
            } catch {
                await store.close()
                throw fail(describe(error))
            }
            await store.close()
            let data = output.lowercased().hasSuffix(".csv") ? CSV.write(rows) : try XLSX.write([Sheet(name: kind.rawValue, rows: rows)])
            guard FileManager.default.createFile(atPath: output, contents: data) else { throw fail("cannot write \(output)") }
        }
    }

    struct Summary: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The one-window figures on a day (JSON), as the weekly bulletin uses them.")
        @OptionGroup var storage: StorageOptions
        @Option(name: .customLong("as-of"), help: "The day, YYYY-MM-DD (default: today in Beijing).") var asOf: String?

        func run() async throws {
            let day: CalendarDate
            if let asOf {
                guard let d = CalendarDate(iso: asOf) else { throw fail("--as-of must be YYYY-MM-DD") }
                day = d
            } else {
                day = CalendarDate.today()
            }
            let store = try await storage.open(logger: makeLogger())
            let summary = try await store.oneWindowSummary(asOf: day)
            await store.close()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
        }
    }
}
