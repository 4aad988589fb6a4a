import Foundation
import Glibc
import Testing
@testable import Transports

@Suite struct SerialPortCatalogTests {
    /// A /dev, /sys and /var/lock laid out as udev and the kernel lay them out for one CDC-ACM
    /// stimulator (ttyACM0) and one USB-serial adapter that sysfs knows nothing about (ttyUSB0).
    struct FakeSystem {
        let root = NSTemporaryDirectory() + "SerialPortCatalogTests-" + UUID().uuidString
        var dev: String { root + "/dev" }
        var lock: String { root + "/lock" }
        var catalog: SerialPortCatalog { SerialPortCatalog(deviceRoot: dev, sysRoot: root + "/sys", lockRoot: lock) }

        func build() throws {
            let usb = root + "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1"
            for directory in [dev + "/serial/by-id", lock, usb + "/1-1:1.0", root + "/sys/bus/usb/drivers/cdc_acm",
                              root + "/sys/class/tty/ttyACM0"] {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            try write("", to: dev + "/ttyACM0")
            try write("", to: dev + "/ttyUSB0")
            try link(dev + "/serial/by-id/usb-Acme_Stim_123-if00", to: "../../ttyACM0")
            for (name, value) in [("idVendor", "1209"), ("idProduct", "c0de"), ("manufacturer", "Acme"),
                                  ("product", "Stim"), ("serial", "123")] {
                try write(value + "\n", to: usb + "/" + name)
            }
            try link(usb + "/1-1:1.0/driver", to: "../../../../../../bus/usb/drivers/cdc_acm")
            try link(root + "/sys/class/tty/ttyACM0/device", to: "../../../devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0")
        }

        func write(_ text: String, to path: String) throws {
            try text.write(toFile: path, atomically: false, encoding: .utf8)
        }

        func link(_ path: String, to target: String) throws {
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
        }

        func port(_ name: String) throws -> SerialPortInfo {
            try #require(catalog.ports().first { $0.path == dev + "/" + name })
        }

        func remove() {
            try? FileManager.default.removeItem(atPath: root)
        }
    }

    func withFakeSystem(_ body: (FakeSystem) throws -> Void) throws {
        let system = FakeSystem()
        defer { system.remove() }
        try system.build()
        try body(system)
    }

    @Test func aByIDLinkMergesIntoThePortItNames() throws {
        try withFakeSystem { system in
            let ports = system.catalog.ports()
            #expect(ports.map(\.path) == [system.dev + "/ttyACM0", system.dev + "/ttyUSB0"])
            #expect(ports[0].byIDLinks == ["usb-Acme_Stim_123-if00"])
            #expect(ports[1].byIDLinks.isEmpty)
        }
    }

    @Test func usbDetailsComeFromTheDeviceAboveTheInterface() throws {
        try withFakeSystem { system in
            let port = try system.port("ttyACM0")
            #expect(port.driver == "cdc_acm")
            #expect(port.usbVendorID == "1209")
            #expect(port.usbProductID == "c0de")
            #expect(port.manufacturer == "Acme")
            #expect(port.product == "Stim")
            #expect(port.serialNumber == "123")
            #expect(port.summary.first == system.dev + "/ttyACM0  usb 1209:c0de  Acme Stim (serial 123)  driver cdc_acm")
            #expect(port.summary.contains("  by-id: usb-Acme_Stim_123-if00"))
        }
    }

    @Test func aPortWithoutSysfsHasNoDetails() throws {
        try withFakeSystem { system in
            let port = try system.port("ttyUSB0")
            #expect(port == SerialPortInfo(path: system.dev + "/ttyUSB0", accessible: port.accessible,
                                           accessProblem: port.accessProblem))
            #expect(port.summary.first == system.dev + "/ttyUSB0")
        }
    }

    @Test func anUnreadableNodeSaysWhy() throws {
        try withFakeSystem { system in
            #expect(chmod(system.dev + "/ttyACM0", 0) == 0)
            let port = try system.port("ttyACM0")
            #expect(port.accessible == (port.accessProblem == nil))
            // root opens anything, so only an ordinary user sees the refusal.
            if geteuid() != 0 {
                #expect(!port.accessible)
                #expect(port.accessProblem?.hasPrefix("permission denied") == true)
                #expect(port.summary.contains { $0.hasPrefix("  not usable: permission denied") })
            }
        }
    }

    @Test func theReasonNamesTheGroupThatWouldGrantAccess() {
        #expect(SerialPortCatalog.permissionProblem(group: "dialout", groupMayReadWrite: true, inSession: false, listedInGroup: false)
                == "permission denied: add yourself to the dialout group")
        #expect(SerialPortCatalog.permissionProblem(group: "dialout", groupMayReadWrite: true, inSession: false, listedInGroup: true)
                == "permission denied: you joined the dialout group after logging in; log in again")
        #expect(SerialPortCatalog.permissionProblem(group: "dialout", groupMayReadWrite: true, inSession: true, listedInGroup: true)
                == "permission denied")
        #expect(SerialPortCatalog.permissionProblem(group: "dialout", groupMayReadWrite: false, inSession: false, listedInGroup: false)
                == "permission denied")
        #expect(SerialPortCatalog.permissionProblem(group: "root", groupMayReadWrite: true, inSession: false, listedInGroup: false)
                == "permission denied")
    }

    @Test func aLockFileIsReported() throws {
        try withFakeSystem { system in
            try system.write("      4321\n", to: system.lock + "/LCK..ttyACM0")
            try system.write("", to: system.lock + "/LCK..ttyUSB0")
            let acm = try system.port("ttyACM0")
            #expect(acm.lockedBy == "4321")
            #expect(acm.summary.last == "  in use: lock file held by 4321")
            #expect(try system.port("ttyUSB0").lockedBy == "unknown")
        }
    }

    @Test func portsSortByNumberWithinAName() throws {
        try withFakeSystem { system in
            try system.write("", to: system.dev + "/ttyACM10")
            try system.write("", to: system.dev + "/ttyACM2")
            #expect(system.catalog.ports().map { ($0.path as NSString).lastPathComponent }
                    == ["ttyACM0", "ttyACM2", "ttyACM10", "ttyUSB0"])
        }
    }

    @Test func anEmptyDevHasNoPorts() throws {
        let system = FakeSystem()
        defer { system.remove() }
        try FileManager.default.createDirectory(atPath: system.dev, withIntermediateDirectories: true)
        #expect(system.catalog.ports().isEmpty)
    }
}
