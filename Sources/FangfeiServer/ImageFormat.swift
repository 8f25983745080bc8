/// What the first bytes of an upload say it is. The reader decodes PNG, JPEG, GIF, WebP, TIFF,
/// BMP, PNM and JPEG 2000; anything else is refused before it reaches OCR (and also when OCR is
/// unavailable, so that a wrong upload is told so either way).
enum ImageFormat: Equatable, Sendable {
  /// An image format the reader decodes (the name is for messages).
  case supported(String)
  /// HEIC/HEIF or AVIF: an image, but one the reader cannot decode.
  case unsupported(String)
  /// Not an image at all.
  case notAnImage

  /// Looks at the magic bytes of `bytes`.
  init(sniffing bytes: [UInt8]) {
    func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
      bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
    }
    let ascii = { (s: String) in Array(s.utf8) }
    if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
      self = .supported("PNG")
    } else if starts([0xFF, 0xD8, 0xFF]) {
      self = .supported("JPEG")
    } else if starts(ascii("GIF87a")) || starts(ascii("GIF89a")) {
      self = .supported("GIF")
    } else if starts(ascii("RIFF")) && starts(ascii("WEBP"), at: 8) {
      self = .supported("WebP")
    } else if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) {
      self = .supported("TIFF")
    } else if starts(ascii("BM")) && bytes.count > 26 {
      self = .supported("BMP")
    } else if starts([0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20]) || starts([0xFF, 0x4F, 0xFF, 0x51]) {
      self = .supported("JPEG 2000")
    } else if bytes.count > 3, bytes[0] == UInt8(ascii: "P"),
      (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[1]),
      [0x20, 0x09, 0x0A, 0x0D].contains(bytes[2])
    {
      self = .supported("PNM")
    } else if starts(ascii("ftyp"), at: 4) {
      let brand = bytes.count >= 12 ? String(decoding: bytes[8..<12], as: UTF8.self) : ""
      self = brand.hasPrefix("avi") ? .unsupported("AVIF") : .unsupported("HEIC")
    } else {
      self = .notAnImage
    }
  }

  /// The bilingual message for an upload the reader cannot take, nil for a supported image.
  var problem: String? {
    switch self {
    case .supported: nil
    case .unsupported(let name):
      "不支持 \(name) 格式的图片，请改用 JPEG 或 PNG（iPhone：设置 › 相机 › 格式 › 兼容性最佳）。"
        + " / \(name) images are not supported; please send a JPEG or PNG"
        + " (iPhone: Settings › Camera › Formats › Most Compatible)."
    case .notAnImage:
      "上传的文件不是图片（支持 JPEG、PNG、WebP、GIF、TIFF、BMP）。"
        + " / The upload is not an image (JPEG, PNG, WebP, GIF, TIFF and BMP are supported)."
    }
  }
}
