import ArgumentParser
import Transports

struct DevicesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devices",
        abstract: "List serial ports a stimulator may be on, and GPIO chips with their lines and who holds them."
    )

    @Flag(help: "Print JSON instead of text.")
    var json = false

    struct Row: Encodable {
        var path: String
        var byIDLinks: [String]
        var driver: String?
        var usbVendorID: String?
        var usbProductID: String?
        var manufacturer: String?
        var product: String?
        var serialNumber: String?
        var accessible: Bool
        var accessProblem: String?
        var lockedBy: String?

        init(_ port: SerialPortInfo) {
            path = port.path
            byIDLinks = port.byIDLinks
            driver = port.driver
            usbVendorID = port.usbVendorID
            usbProductID = port.usbProductID
            manufacturer = port.manufacturer
            product = port.product
            serialNumber = port.serialNumber
            accessible = port.accessible
            accessProblem = port.accessProblem
            lockedBy = port.lockedBy
        }
    }

    struct Listing: Encodable {
        var serial: [Row]
        var gpio: [GPIOChipRow]
    }

    func run() throws {
        let ports = SerialPortCatalog().ports()
        let chips = GPIOChipRow.all()
        if json {
            try JSONOutput.print(Listing(serial: ports.map(Row.init), gpio: chips))
            return
        }
        if ports.isEmpty {
            StandardError.write("no serial ports found (looked for /dev/ttyUSB*, /dev/ttyACM*, /dev/serial/by-id/*)")
            StandardError.write("use `galvani emulate` for a device emulator on a pseudo-terminal")
        } else {
            for line in ports.flatMap(\.summary) { print(line) }
        }
        if chips.isEmpty {
            StandardError.write("no GPIO chips found (looked for /dev/gpiochip*)")
        } else {
            for line in chips.flatMap(\.summary) { print(line) }
        }
    }
}
