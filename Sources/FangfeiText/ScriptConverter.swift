import COpenCC
import Foundation

/// Converts whole texts with an OpenCC configuration, phrase by phrase — for example
/// simplified to traditional (`s2t.json`) to generate the traditional spelling of an example
/// (`fangfei test --evasions`). Not used on the matching path, which uses ``Normalizer``'s
/// character table.
public final class ScriptConverter: @unchecked Sendable {
  // Safety: the OpenCC handle is only used under `lock`.
  private let handle: UnsafeMutableRawPointer
  private let lock = NSLock()
  /// The configuration the converter was opened with.
  public let configuration: String

  /// Opens an OpenCC configuration (`s2t.json`, `t2s.json`, … or a path).
  public init(configuration: String) throws(NormalizerError) {
    guard let h = opencc_open(configuration), h != UnsafeMutableRawPointer(bitPattern: -1) else {
      let message = opencc_error().map { String(cString: $0) } ?? "unknown error"
      throw .openCCUnavailable(configuration: configuration, message: message)
    }
    handle = h
    self.configuration = configuration
  }

  deinit { _ = opencc_close(handle) }

  /// The converted text, or the text unchanged when OpenCC fails.
  public func convert(_ text: String) -> String {
    lock.lock()
    defer { lock.unlock() }
    var bytes = Array(text.utf8)
    bytes.append(0)
    let converted = bytes.withUnsafeBufferPointer { buffer -> String? in
      guard let base = buffer.baseAddress else { return nil }
      let result = base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
        opencc_convert_utf8(handle, $0, buffer.count - 1)
      }
      guard let result else { return nil }
      defer { opencc_convert_utf8_free(result) }
      return String(cString: result)
    }
    return converted ?? text
  }
}
