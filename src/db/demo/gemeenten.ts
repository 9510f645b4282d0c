/**
 * Built-in reference data for the demo, written as facts: municipalities on 1 January 2023
 * with their province and safety region (CBS classification and the VWS mapping, the files
 * in ../shared/data, which `opvang import gemeenten` loads in full). At least one
 * municipality per safety region, so every national view has something to show.
 *
 * `inhabitantsK` (approximate inhabitants in thousands, 2023, rounded) and `postcodePrefix`
 * (the first two digits of the municipality's postcodes) only shape the synthetic data:
 * bigger cities receive more people, addresses look local.
 */
export interface BuiltInGemeente {
  code: string;
  name: string;
  provinceCode: string;
  provinceName: string;
  veiligheidsregioCode: string;
  inhabitantsK: number;
  postcodePrefix: string;
}

// The 25 safety regions are reference facts kept in one place.
export { VEILIGHEIDSREGIOS } from "../../domain/veiligheidsregios";

const g = (
  code: string,
  name: string,
  provinceCode: string,
  provinceName: string,
  veiligheidsregioCode: string,
  inhabitantsK: number,
  postcodePrefix: string,
): BuiltInGemeente => ({
  code,
  name,
  provinceCode,
  provinceName,
  veiligheidsregioCode,
  inhabitantsK,
  postcodePrefix,
});

export const BUILT_IN_GEMEENTEN: BuiltInGemeente[] = [
  g("GM0014", "Groningen", "PV20", "Groningen", "VR01", 237, "97"),
  g("GM0080", "Leeuwarden", "PV21", "Fryslân", "VR02", 125, "89"),
  g("GM0106", "Assen", "PV22", "Drenthe", "VR03", 69, "94"),
  g("GM0114", "Emmen", "PV22", "Drenthe", "VR03", 108, "78"),
  g("GM0193", "Zwolle", "PV23", "Overijssel", "VR04", 131, "80"),
  g("GM0150", "Deventer", "PV23", "Overijssel", "VR04", 102, "74"),
  g("GM0153", "Enschede", "PV23", "Overijssel", "VR05", 160, "75"),
  g("GM0164", "Hengelo", "PV23", "Overijssel", "VR05", 82, "75"),
  g("GM0200", "Apeldoorn", "PV25", "Gelderland", "VR06", 166, "73"),
  g("GM0202", "Arnhem", "PV25", "Gelderland", "VR07", 165, "68"),
  g("GM0228", "Ede", "PV25", "Gelderland", "VR07", 120, "67"),
  g("GM0268", "Nijmegen", "PV25", "Gelderland", "VR08", 182, "65"),
  g("GM0344", "Utrecht", "PV26", "Utrecht", "VR09", 367, "35"),
  g("GM0307", "Amersfoort", "PV26", "Utrecht", "VR09", 160, "38"),
  g("GM0356", "Nieuwegein", "PV26", "Utrecht", "VR09", 64, "34"),
  g("GM0355", "Zeist", "PV26", "Utrecht", "VR09", 66, "37"),
  g("GM0361", "Alkmaar", "PV27", "Noord-Holland", "VR10", 111, "18"),
  g("GM0400", "Den Helder", "PV27", "Noord-Holland", "VR10", 57, "17"),
  g("GM0479", "Zaanstad", "PV27", "Noord-Holland", "VR11", 158, "15"),
  g("GM0439", "Purmerend", "PV27", "Noord-Holland", "VR11", 93, "14"),
  g("GM0392", "Haarlem", "PV27", "Noord-Holland", "VR12", 163, "20"),
  g("GM0394", "Haarlemmermeer", "PV27", "Noord-Holland", "VR12", 160, "21"),
  g("GM0363", "Amsterdam", "PV27", "Noord-Holland", "VR13", 918, "10"),
  g("GM0362", "Amstelveen", "PV27", "Noord-Holland", "VR13", 92, "11"),
  g("GM0402", "Hilversum", "PV27", "Noord-Holland", "VR14", 92, "12"),
  g("GM0518", "'s-Gravenhage", "PV28", "Zuid-Holland", "VR15", 562, "25"),
  g("GM0503", "Delft", "PV28", "Zuid-Holland", "VR15", 105, "26"),
  g("GM0637", "Zoetermeer", "PV28", "Zuid-Holland", "VR15", 127, "27"),
  g("GM0546", "Leiden", "PV28", "Zuid-Holland", "VR16", 127, "23"),
  g("GM0513", "Gouda", "PV28", "Zuid-Holland", "VR16", 74, "28"),
  g("GM0599", "Rotterdam", "PV28", "Zuid-Holland", "VR17", 664, "30"),
  g("GM0606", "Schiedam", "PV28", "Zuid-Holland", "VR17", 80, "31"),
  g("GM0505", "Dordrecht", "PV28", "Zuid-Holland", "VR18", 121, "33"),
  g("GM0687", "Middelburg", "PV29", "Zeeland", "VR19", 49, "43"),
  g("GM0718", "Vlissingen", "PV29", "Zeeland", "VR19", 45, "43"),
  g("GM0758", "Breda", "PV30", "Noord-Brabant", "VR20", 186, "48"),
  g("GM0855", "Tilburg", "PV30", "Noord-Brabant", "VR20", 226, "50"),
  g("GM0796", "'s-Hertogenbosch", "PV30", "Noord-Brabant", "VR21", 159, "52"),
  g("GM0828", "Oss", "PV30", "Noord-Brabant", "VR21", 95, "53"),
  g("GM0772", "Eindhoven", "PV30", "Noord-Brabant", "VR22", 243, "56"),
  g("GM0794", "Helmond", "PV30", "Noord-Brabant", "VR22", 94, "57"),
  g("GM0983", "Venlo", "PV31", "Limburg", "VR23", 103, "59"),
  g("GM0957", "Roermond", "PV31", "Limburg", "VR23", 59, "60"),
  g("GM0935", "Maastricht", "PV31", "Limburg", "VR24", 122, "62"),
  g("GM0917", "Heerlen", "PV31", "Limburg", "VR24", 87, "64"),
  g("GM0034", "Almere", "PV24", "Flevoland", "VR25", 222, "13"),
  g("GM0995", "Lelystad", "PV24", "Flevoland", "VR25", 82, "82"),
];

/** The facts above by CBS code: also used to weigh imported municipalities. */
export const BUILT_IN_BY_CODE = new Map(BUILT_IN_GEMEENTEN.map((m) => [m.code, m]));
