import CTesseract

/// Decodes encoded images from memory (never from disk), with a bound on the decoded size.
enum ImageDecoder {
  /// The most pixels decoded for a format that cannot be decoded at a reduced size
  /// (40 megapixels: 160 MB as 32-bit colour).
  static let maximumPixels = 40_000_000
  /// JPEG photos larger than this are decoded at 1/2, 1/4 or 1/8 of their size (the reader
  /// scales them down to a few megapixels anyway).
  static let jpegTargetPixels = 12_000_000

  /// Leptonica's formats that Fangfei reads, by `IFF_*` value.
  private static let formats: [Int32: String] = {
    var names: [Int32: String] = [
      Int32(IFF_BMP): "BMP", Int32(IFF_JFIF_JPEG): "JPEG", Int32(IFF_PNG): "PNG", Int32(IFF_PNM): "PNM",
      Int32(IFF_GIF): "GIF", Int32(IFF_JP2): "JPEG 2000", Int32(IFF_WEBP): "WebP",
    ]
    for tiff in [
      IFF_TIFF, IFF_TIFF_PACKBITS, IFF_TIFF_RLE, IFF_TIFF_G3, IFF_TIFF_G4, IFF_TIFF_LZW, IFF_TIFF_ZIP, IFF_TIFF_JPEG,
    ] {
      names[Int32(tiff)] = "TIFF"
    }
    return names
  }()

  /// What an image's header says: enough to refuse it before any decoding.
  struct Header {
    /// Leptonica's `IFF_*` format.
    var format: Int32
    /// The format's name, for messages.
    var name: String
    var width: Int
    var height: Int
    /// The JPEG decoding reduction: 1, 2, 4 or 8.
    var reduction: Int32
  }

  /// Reads the header of `bytes` (cheap: nothing is decoded).
  /// - Throws: `OCRError.notAnImage` for empty data, data that is not a supported image and
  ///   images over ``maximumPixels``.
  static func inspect(_ bytes: [UInt8]) throws(OCRError) -> Header {
    guard !bytes.isEmpty else {
      throw .notAnImage("没有图片数据 / no image: the data is empty (0 bytes)")
    }
    var format: Int32 = 0
    var width: Int32 = 0
    var height: Int32 = 0
    var bps: Int32 = 0
    var spp: Int32 = 0
    var colormap: Int32 = 0
    let status = bytes.withUnsafeBufferPointer { buffer in
      pixReadHeaderMem(buffer.baseAddress, buffer.count, &format, &width, &height, &bps, &spp, &colormap)
    }
    guard status == 0 else { throw .notAnImage(notAnImageMessage(bytes)) }
    guard let name = formats[format] else {
      throw .notAnImage("不支持的图片格式 / unsupported image format: \(describe(prefix: bytes))")
    }
    guard width > 0, height > 0 else {
      throw .notAnImage("图片尺寸无效 / invalid \(name) image: \(width)×\(height) pixels")
    }
    let pixels = Int(width) * Int(height)
    var reduction: Int32 = 1
    if format == Int32(IFF_JFIF_JPEG) {
      while reduction < 8 && pixels / Int(reduction * reduction) > jpegTargetPixels { reduction *= 2 }
    }
    guard pixels / Int(reduction * reduction) <= maximumPixels else {
      throw .notAnImage(
        "图片太大 / image too large: \(name), \(width)×\(height) pixels (at most \(maximumPixels / 1_000_000) megapixels)"
      )
    }
    return Header(format: format, name: name, width: Int(width), height: Int(height), reduction: reduction)
  }

  /// Decodes `bytes`, whose header ``inspect(_:)`` read.
  /// - Throws: `OCRError.notAnImage` for damaged or truncated data.
  static func decode(_ bytes: [UInt8], header: Header) throws(OCRError) -> Pix {
    let decoded = bytes.withUnsafeBufferPointer { buffer in
      header.reduction > 1
        ? pixReadMemJpeg(buffer.baseAddress, buffer.count, 0, header.reduction, nil, 0)
        : pixReadMem(buffer.baseAddress, buffer.count)
    }
    guard let pix = Pix(decoded) else {
      throw .notAnImage(
        "图片已损坏 / damaged or truncated \(header.name) image (\(header.width)×\(header.height), \(bytes.count) bytes)")
    }
    return pix
  }

  /// The message for data Leptonica does not recognise: what it starts with and looks like.
  static func notAnImageMessage(_ bytes: [UInt8]) -> String {
    let head = bytes.prefix(8)
    let looksLike: String
    if head.starts(with: Array("%PDF".utf8)) {
      looksLike = "a PDF document"
    } else if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
      looksLike = "a ZIP archive (or Office document)"
    } else if let first = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }),
      first == UInt8(ascii: "<")
    {
      looksLike = "HTML or XML text"
    } else if let first = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }),
      first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    {
      looksLike = "JSON text"
    } else if looksLikeText(bytes.prefix(4096)) {
      looksLike = "text"
    } else {
      looksLike = "no image format Fangfei knows (PNG, JPEG, WebP, TIFF, BMP, GIF, PNM, JPEG 2000)"
    }
    return "这不是图片 / not an image: \(describe(prefix: bytes)), which looks like \(looksLike)"
  }

  /// True when `sample` is UTF-8 without control characters (but tabs and line breaks), allowing
  /// a character cut off at its end.
  static func looksLikeText(_ sample: ArraySlice<UInt8>) -> Bool {
    for cut in 0...min(3, sample.count) {
      if let text = String(validating: sample.dropLast(cut), as: UTF8.self) {
        return !text.unicodeScalars.contains { $0.value < 0x20 && !["\t", "\n", "\r"].contains($0) }
      }
    }
    return false
  }

  /// "the data starts with 3C 21 44 4F 43 54 59 50 ("<!DOCTYP")" for the first bytes.
  static func describe(prefix bytes: [UInt8]) -> String {
    let head = bytes.prefix(8)
    let hex = head.map { byte in
      let digits = String(byte, radix: 16, uppercase: true)
      return byte < 16 ? "0" + digits : digits
    }.joined(separator: " ")
    let ascii = String(head.map { (0x20..<0x7F).contains($0) ? Character(UnicodeScalar($0)) : "." })
    return "the data (\(bytes.count) bytes) starts with \(hex) (\"\(ascii)\")"
  }
}
