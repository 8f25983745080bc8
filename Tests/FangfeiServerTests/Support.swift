import Fangfei
import FangfeiOCR
import Foundation
import Hummingbird
import HummingbirdTesting

@testable import FangfeiServer

/// The repository's root (for corpus/samples).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

/// A file of corpus/samples, nil if it does not exist (yet).
func sample(_ name: String) -> [UInt8]? {
  (try? Data(contentsOf: repositoryRoot.appendingPathComponent("corpus/samples/\(name)"))).map { Array($0) }
}

/// The text of a sample, or a fixed scam text if the file is missing.
func sampleText(_ name: String) -> String {
  sample(name).map { String(decoding: $0, as: UTF8.self) } ?? "本平台年化收益高达36%，保本保息，稳赚不赔，名额有限"
}

/// The real OCR engine and the sample flyer photos, when both are there.
enum RealOCR {
  /// The reader, nil while the OCR implementation is a stub or the model is missing.
  static let reader: FlyerReader? = try? FlyerReader(engines: 2)
  /// Whether image tests can run for real.
  static var ready: Bool { reader != nil && sample("flyer-scam-clean.png") != nil }
}

/// The bundled classifier, loaded once.
let sharedClassifier: Classifier? = try? Classifier()

/// A server over the bundled pack; `ocr` replaces the reader with a stand-in for the pipeline tests.
func makeServer(
  reader: FlyerReader? = nil, limits: ServerLimits = ServerLimits(), city: Contact? = nil,
  ocr: OCRWorkers.Work? = nil
) throws -> GridServer {
  guard let classifier = sharedClassifier else { throw TestSetupError.noClassifier }
  let configuration = ServerConfiguration(
    classifier: classifier, reader: reader, ocrUnavailableReason: reader == nil ? "test: no reader" : nil, city: city,
    limits: limits)
  if let ocr { return GridServer(configuration: configuration, ocrWork: ocr) }
  return GridServer(configuration: configuration)
}

enum TestSetupError: Error {
  case noClassifier
}

/// A `multipart/form-data` body and its content type.
func multipart(_ parts: [(name: String, filename: String?, type: String?, body: [UInt8])]) -> (ByteBuffer, String) {
  let boundary = "----fangfei-test-boundary-7MA4YWxkTrZu0gW"
  var bytes: [UInt8] = []
  for part in parts {
    var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\""
    if let filename = part.filename { head += "; filename=\"\(filename)\"" }
    head += "\r\n"
    if let type = part.type { head += "Content-Type: \(type)\r\n" }
    head += "\r\n"
    bytes += Array(head.utf8) + part.body + Array("\r\n".utf8)
  }
  bytes += Array("--\(boundary)--\r\n".utf8)
  return (ByteBuffer(bytes: bytes), "multipart/form-data; boundary=\(boundary)")
}

/// The Unicode scalars `start..<end` of `text`, nil if out of range.
func slice(_ text: String, _ start: Int, _ end: Int) -> String? {
  let scalars = Array(text.unicodeScalars)
  guard start >= 0, start <= end, end <= scalars.count else { return nil }
  return String(String.UnicodeScalarView(scalars[start..<end]))
}

extension TestResponse {
  /// The body as a string.
  var text: String { String(decoding: body.readableBytesView, as: UTF8.self) }
}

/// A small PNG header followed by junk: sniffs as PNG (for paths that never reach a real reader).
let pngLookalike: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 64)
