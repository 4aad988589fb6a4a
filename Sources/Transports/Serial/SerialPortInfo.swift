/// One serial port as the system describes it. Fields the system does not report stay nil.
public struct SerialPortInfo: Hashable, Sendable {
    public var path: String
    /// Names under /dev/serial/by-id, which survive replugging where ttyACM numbers do not.
    public var byIDLinks: [String]
    public var driver: String?
    public var usbVendorID: String?
    public var usbProductID: String?
    public var manufacturer: String?
    public var product: String?
    public var serialNumber: String?
    /// Whether the current user may open the node for reading and writing.
    public var accessible: Bool
    public var accessProblem: String?
    /// The lock file's content (usually a PID), or "unknown" when it cannot be read.
    public var lockedBy: String?

    public init(path: String, byIDLinks: [String] = [], driver: String? = nil,
                usbVendorID: String? = nil, usbProductID: String? = nil,
                manufacturer: String? = nil, product: String? = nil, serialNumber: String? = nil,
                accessible: Bool, accessProblem: String? = nil, lockedBy: String? = nil) {
        self.path = path
        self.byIDLinks = byIDLinks
        self.driver = driver
        self.usbVendorID = usbVendorID
        self.usbProductID = usbProductID
        self.manufacturer = manufacturer
        self.product = product
        self.serialNumber = serialNumber
        self.accessible = accessible
        self.accessProblem = accessProblem
        self.lockedBy = lockedBy
    }

    public var summary: [String] {
        var lines = [([path] + details).joined(separator: "  ")]
        lines += byIDLinks.map { "  by-id: \($0)" }
        lines.append(accessible ? "  ready: read and write" : "  not usable: \(accessProblem ?? "cannot open")")
        if let lockedBy { lines.append("  in use: lock file held by \(lockedBy)") }
        return lines
    }

    private var details: [String] {
        var parts: [String] = []
        if usbVendorID != nil || usbProductID != nil {
            parts.append("usb \(usbVendorID ?? "?"):\(usbProductID ?? "?")")
        }
        var name = [manufacturer, product].compactMap(\.self)
        // Many devices repeat the maker in the product string ("Arduino" / "Arduino Uno").
        if let manufacturer, let product, product.hasPrefix(manufacturer) { name = [product] }
        if let serialNumber { name.append(name.isEmpty ? "serial \(serialNumber)" : "(serial \(serialNumber))") }
        if !name.isEmpty { parts.append(name.joined(separator: " ")) }
        if let driver { parts.append("driver \(driver)") }
        return parts
    }
}
