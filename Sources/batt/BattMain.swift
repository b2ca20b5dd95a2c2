import BattCommands

@main
struct BattMain {
    static func main() async {
        await Batt.main()
    }
}
