import { describe, expect, it } from "vitest";
import { latinToCyrillicCandidates, searchKeys, transliterate } from "./transliteration";

describe("transliterate (KMU resolution No. 55 of 27 January 2010)", () => {
  // The examples printed in the resolution's table, letter by letter.
  const examples: [string, string][] = [
    ["Алушта", "Alushta"],
    ["Андрій", "Andrii"],
    ["Борщагівка", "Borshchahivka"],
    ["Вінниця", "Vinnytsia"],
    ["Гадяч", "Hadiach"],
    ["Згорани", "Zghorany"],
    ["Розгон", "Rozghon"],
    ["Ґалаґан", "Galagan"],
    ["Дон", "Don"],
    ["Рівне", "Rivne"],
    ["Єнакієве", "Yenakiieve"],
    ["Гаєвич", "Haievych"],
    ["Короп'є", "Koropie"],
    ["Житомир", "Zhytomyr"],
    ["Закарпаття", "Zakarpattia"],
    ["Медвин", "Medvyn"],
    ["Іршава", "Irshava"],
    ["Їжакевич", "Yizhakevych"],
    ["Кадиївка", "Kadyivka"],
    ["Йосипівка", "Yosypivka"],
    ["Стрий", "Stryi"],
    ["Олексій", "Oleksii"],
    ["Київ", "Kyiv"],
    ["Лебедин", "Lebedyn"],
    ["Миргород", "Myrhorod"],
    ["Ніжин", "Nizhyn"],
    ["Одеса", "Odesa"],
    ["Полтава", "Poltava"],
    ["Ромни", "Romny"],
    ["Суми", "Sumy"],
    ["Тетерів", "Teteriv"],
    ["Ужгород", "Uzhhorod"],
    ["Фастів", "Fastiv"],
    ["Харків", "Kharkiv"],
    ["Біла Церква", "Bila Tserkva"],
    ["Чернівці", "Chernivtsi"],
    ["Шостка", "Shostka"],
    ["Гоща", "Hoshcha"],
    ["Щербухи", "Shcherbukhy"],
    ["Юрій", "Yurii"],
    ["Корюківка", "Koriukivka"],
    ["Яготин", "Yahotyn"],
    ["Ічня", "Ichnia"],
    ["Костянтин", "Kostiantyn"],
    ["Знам'янка", "Znamianka"],
    ["Феодосія", "Feodosiia"],
    ["Олександр", "Oleksandr"],
    ["Коваленко", "Kovalenko"],
  ];
  for (const [cyr, latin] of examples) {
    it(`${cyr} → ${latin}`, () => expect(transliterate(cyr)).toBe(latin));
  }

  it("applies the word-start forms to each word of a name", () => {
    expect(transliterate("Юлія Яковенко")).toBe("Yuliia Yakovenko");
    expect(transliterate("Анна-Ярослава")).toBe("Anna-Yaroslava");
  });

  it("omits the soft sign and every apostrophe form inside a word", () => {
    expect(transliterate("Ольга")).toBe("Olha");
    expect(transliterate("Лук’яненко")).toBe("Lukianenko");
    expect(transliterate("Лукʼяненко")).toBe("Lukianenko");
    expect(transliterate("Хмельницький")).toBe("Khmelnytskyi");
  });

  it("keeps capitals per word: all-caps stays all-caps, lower case stays lower case", () => {
    expect(transliterate("ЩЕРБУХИ")).toBe("SHCHERBUKHY");
    expect(transliterate("ЄВА ЗГУРОВСЬКА")).toBe("YEVA ZGHUROVSKA");
    expect(transliterate("щербухи")).toBe("shcherbukhy");
    expect(transliterate("Щ")).toBe("Shch");
  });

  it("passes Latin, digits and punctuation through", () => {
    expect(transliterate("Ivan 2, Київ")).toBe("Ivan 2, Kyiv");
  });
});

describe("latinToCyrillicCandidates", () => {
  const firstCandidate: [string, string][] = [
    ["Oleksandr", "Олександр"],
    ["Kovalenko", "Коваленко"],
    ["Yurii", "Юрій"],
    ["Olha", "Ольга"],
    ["Kostiantyn", "Костянтин"],
    ["Zghorany", "Згорани"],
    ["Shcherbukhy", "Щербухи"],
    ["Yenakiieve", "Єнакієве"],
    ["Haievych", "Гаєвич"],
    ["Stryi", "Стрий"],
    ["Mykhailo", "Михайло"],
    ["Kyiv", "Київ"],
    ["Lozynskyi", "Лозинський"],
    ["Tkachuk", "Ткачук"],
  ];
  for (const [latin, cyr] of firstCandidate) {
    it(`offers ${cyr} first for ${latin}`, () => {
      expect(latinToCyrillicCandidates(latin)[0]).toBe(cyr);
    });
  }

  it("offers only readings that transliterate back to the input", () => {
    for (const latin of ["Kadyivka", "Koriukivka", "Yosypivka", "Nataliia", "Tsybulko"]) {
      const candidates = latinToCyrillicCandidates(latin);
      expect(candidates.length).toBeGreaterThan(0);
      for (const c of candidates) expect(transliterate(c)).toBe(latin);
    }
  });

  it("keeps several words and the case of the input", () => {
    expect(latinToCyrillicCandidates("Olena Shevchenko")[0]).toBe("Олена Шевченко");
    expect(latinToCyrillicCandidates("SHEVCHENKO")[0]).toBe("ШЕВЧЕНКО");
  });

  it("answers nothing for an empty input", () => {
    expect(latinToCyrillicCandidates("  ")).toEqual([]);
  });
});

describe("searchKeys", () => {
  const groups: string[][] = [
    ["Oleksandr", "Aleksandr", "Alexander", "Olexandr", "Олександр", "Александр"],
    ["Serhii", "Sergei", "Sergey", "Serhiy", "Сергій", "Сергей"],
    ["Mykola", "Nikolai", "Nikolay", "Микола", "Николай"],
    ["Volodymyr", "Vladimir", "Wladimir", "Володимир", "Владимир"],
    ["Dmytro", "Dmitri", "Dmitry", "Дмитро", "Дмитрий"],
    ["Andrii", "Andrey", "Andriy", "Андрій", "Андрей"],
    ["Yurii", "Yuri", "Iurii", "Jurij", "Юрій", "Юрий"],
    ["Kharkiv", "Kharkov", "Харків", "Харьков"],
    ["Shevchenko", "Schewtschenko", "Szewczenko", "Ševčenko", "Шевченко"],
    ["Kateryna", "Ekaterina", "Катерина", "Екатерина"],
  ];
  for (const group of groups) {
    it(`gives one key to ${group.join(", ")}`, () => {
      const keys = new Set(group.map((n) => searchKeys(n).join(" ")));
      expect([...keys]).toHaveLength(1);
    });
  }

  it("keeps different names apart", () => {
    const names = ["Oleksandr", "Serhii", "Mykola", "Volodymyr", "Dmytro", "Andrii", "Olena"];
    expect(new Set(names.map((n) => searchKeys(n)[0])).size).toBe(names.length);
  });

  it("returns one key per word, without duplicates or empty words", () => {
    expect(searchKeys("Kovalenko, Oleksandr")).toEqual(["KVLNK", "ALKSNDR"]);
    expect(searchKeys("Олександр Oleksandr")).toEqual(["ALKSNDR"]);
    expect(searchKeys(" - ")).toEqual([]);
  });

  it("ignores case, accents and apostrophes", () => {
    expect(searchKeys("LUKIANENKO")).toEqual(searchKeys("Лук'яненко"));
  });
});
