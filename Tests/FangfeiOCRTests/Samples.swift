import Fangfei
import FangfeiOCR
import Foundation
import Synchronization

/// The sample flyer photos (corpus/samples/flyer-*.png, made by scripts/render-flyers.py) and
/// one reader shared by all tests, so that the model loads once.
enum Samples {
  /// corpus/samples.
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("corpus/samples")

  /// The shared reader: two engines, so that tests running side by side also exercise the pool.
  static let reader = Result { () throws(OCRError) -> FlyerReader in try FlyerReader(engines: 2) }

  /// The bundled classifier.
  static let classifier = Result { try Classifier() }

  private static let checks = Mutex<[String: ImageCheck]>([:])

  /// The bytes of sample `name`.
  static func bytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
  }

  /// The shared reader's check of sample `name` (read once, then remembered).
  static func check(_ name: String) throws -> ImageCheck {
    if let known = checks.withLock({ $0[name] }) { return known }
    let result = try reader.get().check(try bytes(name), with: try classifier.get())
    checks.withLock { $0[name] = result }
    return result
  }

  /// The text of `text` from Unicode scalar `start` to `end` (exclusive), or nil when out of range.
  static func slice(_ text: String, _ start: Int, _ end: Int) -> String? {
    let scalars = Array(text.unicodeScalars)
    guard 0 <= start, start <= end, end <= scalars.count else { return nil }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[start..<end])
    return String(view)
  }
}
