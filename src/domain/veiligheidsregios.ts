/**
 * The 25 safety regions (Wet veiligheidsregio's, annex). Their codes and names are stable
 * facts; which municipality belongs to which region changes with mergers and is imported
 * with dates (`opvang import gemeenten`).
 */
export const VEILIGHEIDSREGIOS: ReadonlyArray<{ code: string; name: string }> = [
  { code: "VR01", name: "Groningen" },
  { code: "VR02", name: "Fryslân" },
  { code: "VR03", name: "Drenthe" },
  { code: "VR04", name: "IJsselland" },
  { code: "VR05", name: "Twente" },
  { code: "VR06", name: "Noord- en Oost-Gelderland" },
  { code: "VR07", name: "Gelderland-Midden" },
  { code: "VR08", name: "Gelderland-Zuid" },
  { code: "VR09", name: "Utrecht" },
  { code: "VR10", name: "Noord-Holland Noord" },
  { code: "VR11", name: "Zaanstreek-Waterland" },
  { code: "VR12", name: "Kennemerland" },
  { code: "VR13", name: "Amsterdam-Amstelland" },
  { code: "VR14", name: "Gooi en Vechtstreek" },
  { code: "VR15", name: "Haaglanden" },
  { code: "VR16", name: "Hollands Midden" },
  { code: "VR17", name: "Rotterdam-Rijnmond" },
  { code: "VR18", name: "Zuid-Holland Zuid" },
  { code: "VR19", name: "Zeeland" },
  { code: "VR20", name: "Midden- en West-Brabant" },
  { code: "VR21", name: "Brabant-Noord" },
  { code: "VR22", name: "Brabant-Zuidoost" },
  { code: "VR23", name: "Limburg-Noord" },
  { code: "VR24", name: "Zuid-Limburg" },
  { code: "VR25", name: "Flevoland" },
];
