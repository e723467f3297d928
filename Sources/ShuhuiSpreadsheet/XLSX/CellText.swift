import Foundation

/// Turns stored cell values into the text a person sees in Excel's General format.
enum CellText {
    /// A number as stored in `<v>`, shown without float noise: integral values without a
    /// fraction (`12.0` → `12`), and at most 15 significant digits (`0.30000000000000004`
    /// → `0.3`) as Excel displays them. Anything else is returned as written.
    static func number(_ raw: String) -> String {
        guard let value = Double(raw), value.isFinite else { return raw }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let short = String(format: "%.15g", value)
        return short.contains("e") ? raw : short
    }

    /// A date serial number as ISO text: `yyyy-MM-dd`, with ` HH:mm:ss` when it has a time
    /// of day, or only the time for time formats.
    ///
    /// - Parameters:
    ///   - raw: The serial as stored in `<v>`.
    ///   - kind: Whether the cell's format shows a date, a time or both.
    ///   - date1904: Whether the workbook counts days from 1904 (old Mac Excel).
    static func date(_ raw: String, kind: DateStyles.Kind, date1904: Bool) -> String {
        guard let serial = Double(raw), serial.isFinite, serial >= 0, serial < 2_958_466 else { return raw }
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds >= 86_400 {
            days += 1
            seconds -= 86_400
        }
        let time = "\(pad(seconds / 3600)):\(pad(seconds / 60 % 60)):\(pad(seconds % 60))"
        if kind == .time { return time }
        // Serial 1 is 1900-01-01, and Excel keeps Lotus 1-2-3's fictitious 1900-02-29 as
        // serial 60, so from serial 61 on the epoch is effectively 1899-12-30.
        let epochDays: Int
        if date1904 {
            epochDays = daysFromCivil(1904, 1, 1)
        } else if days >= 61 {
            epochDays = daysFromCivil(1899, 12, 30)
        } else if days == 60 {
            return "1900-02-29"
        } else {
            epochDays = daysFromCivil(1899, 12, 31)
        }
        let (year, month, day) = civilFromDays(epochDays + days)
        let date = "\(year)-\(pad(month))-\(pad(day))"
        return kind == .dateTime && seconds != 0 ? "\(date) \(time)" : date
    }

    /// Undoes the `_xHHHH_` escapes Excel writes into strings for characters XML cannot
    /// hold (a CR from Windows line breaks is stored as `_x000D_`).
    static func unescapeOOXML(_ text: String) -> String {
        // Byte scan rather than `contains("_x")`, which goes through NSString on Linux and
        // dominated reading time for big sheets.
        var previous: UInt8 = 0
        guard text.utf8.contains(where: { byte in
            defer { previous = byte }
            return previous == UInt8(ascii: "_") && byte == UInt8(ascii: "x")
        }) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == "_", index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_",
               let code = UInt32(String(String.UnicodeScalarView(scalars[(index + 2)..<(index + 6)])), radix: 16),
               let scalar = Unicode.Scalar(code) {
                out.append(scalar)
                index += 7
            } else {
                out.append(scalars[index])
                index += 1
            }
        }
        return String(out)
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    // Howard Hinnant's civil-date algorithms: exact Gregorian arithmetic without Calendar,
    // time zones or daylight saving getting involved.
    private static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
