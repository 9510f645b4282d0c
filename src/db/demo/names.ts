/**
 * Names and places for synthetic people. Ukrainian names are kept in Cyrillic; the Latin
 * form is always derived by the 2010 transliteration, as on a Ukrainian passport.
 */

/** Family names as [male form, female form, relative frequency]. */
export const FAMILY_NAMES: [string, string, number][] = [
  ["Мельник", "Мельник", 9],
  ["Шевченко", "Шевченко", 9],
  ["Коваленко", "Коваленко", 9],
  ["Бондаренко", "Бондаренко", 8],
  ["Бойко", "Бойко", 8],
  ["Ткаченко", "Ткаченко", 7],
  ["Кравченко", "Кравченко", 7],
  ["Ковальчук", "Ковальчук", 6],
  ["Коваль", "Коваль", 6],
  ["Олійник", "Олійник", 6],
  ["Шевчук", "Шевчук", 6],
  ["Поліщук", "Поліщук", 5],
  ["Бондар", "Бондар", 5],
  ["Ткачук", "Ткачук", 5],
  ["Марченко", "Марченко", 5],
  ["Руденко", "Руденко", 5],
  ["Савченко", "Савченко", 5],
  ["Лисенко", "Лисенко", 5],
  ["Мороз", "Мороз", 4],
  ["Петренко", "Петренко", 4],
  ["Кузьменко", "Кузьменко", 4],
  ["Павленко", "Павленко", 4],
  ["Клименко", "Клименко", 4],
  ["Гончаренко", "Гончаренко", 4],
  ["Левченко", "Левченко", 4],
  ["Іваненко", "Іваненко", 3],
  ["Харченко", "Харченко", 3],
  ["Сидоренко", "Сидоренко", 3],
  ["Карпенко", "Карпенко", 3],
  ["Романенко", "Романенко", 3],
  ["Литвиненко", "Литвиненко", 3],
  ["Гаврилюк", "Гаврилюк", 3],
  ["Кравчук", "Кравчук", 3],
  ["Мельничук", "Мельничук", 3],
  ["Савчук", "Савчук", 3],
  ["Кушнір", "Кушнір", 3],
  ["Пономаренко", "Пономаренко", 3],
  ["Яковенко", "Яковенко", 3],
  ["Захарченко", "Захарченко", 2],
  ["Кравець", "Кравець", 2],
  ["Гребенюк", "Гребенюк", 2],
  ["Федоренко", "Федоренко", 2],
  ["Вдовиченко", "Вдовиченко", 2],
  ["Лук'яненко", "Лук'яненко", 2],
  ["Головко", "Головко", 2],
  ["Білик", "Білик", 2],
  ["Ярошенко", "Ярошенко", 2],
  ["Юрченко", "Юрченко", 2],
  ["Заїка", "Заїка", 1],
  ["Єрмоленко", "Єрмоленко", 2],
  ["Грищенко", "Грищенко", 2],
  ["Дячук", "Дячук", 2],
  ["Зінченко", "Зінченко", 2],
  ["Остапенко", "Остапенко", 2],
  ["Тарасенко", "Тарасенко", 2],
  ["Остапчук", "Остапчук", 2],
  ["Кириленко", "Кириленко", 2],
  ["Яремчук", "Яремчук", 2],
  ["Щербак", "Щербак", 2],
  ["Приходько", "Приходько", 2],
  ["Тимошенко", "Тимошенко", 2],
  ["Гуменюк", "Гуменюк", 2],
  ["Ковальов", "Ковальова", 2],
  ["Соловйов", "Соловйова", 2],
  ["Волошин", "Волошина", 2],
  ["Ковальський", "Ковальська", 2],
  ["Лозинський", "Лозинська", 2],
  ["Вишневський", "Вишневська", 2],
  ["Островський", "Островська", 2],
  ["Згуровський", "Згуровська", 1],
  ["Хмельницький", "Хмельницька", 1],
  ["Яценко", "Яценко", 2],
  ["Їжакевич", "Їжакевич", 1],
  ["Гаєвич", "Гаєвич", 1],
];

export const MALE_ADULT_NAMES =
  `Олександр Андрій Сергій Володимир Дмитро Микола Юрій Іван Віктор Олег
Василь Петро Богдан Тарас Ігор Євген Роман Михайло Павло Ярослав Віталій Степан Олексій
Анатолій Григорій Костянтин Вадим Руслан Валерій Максим Артем Денис`.split(/\s+/);

export const FEMALE_ADULT_NAMES = `Олена Наталія Тетяна Ірина Оксана Світлана Юлія Марія Анна
Ольга Людмила Галина Катерина Вікторія Валентина Надія Лариса Любов Інна Яна Христина
Олеся Анастасія Алла Тамара Ніна Євгенія Зоряна Уляна Антоніна`.split(/\s+/);

export const MALE_CHILD_NAMES = `Максим Артем Матвій Данило Назар Олександр Дмитро Марк
Тимофій Іван Богдан Кирило Ілля Давид Михайло Андрій Єгор Ярослав Захар Роман`.split(/\s+/);

export const FEMALE_CHILD_NAMES = `Софія Анна Марія Злата Вікторія Мілана Єва Аліна Соломія
Анастасія Дарина Поліна Ангеліна Уляна Єлизавета Вероніка Христина Варвара Аміна Яна`.split(/\s+/);

/** Neighbourhoods of the cities that host the demo accounts and the other demo cities. */
const list = (text: string): string[] =>
  text
    .split("|")
    .map((s) => s.trim())
    .filter(Boolean);

/** Neighbourhoods of the cities that host the demo accounts and the other demo cities. */
export const NEIGHBOURHOODS: Record<string, string[]> = {
  GM0344: list(`Kanaleneiland|Overvecht|Leidsche Rijn|Lunetten|Zuilen|Hoograven|Oog in Al|
    Vleuten|De Meern|Lombok|Tuindorp|Papendorp`),
  GM0363: list(`Nieuw-West|Noord|Zuidoost|Osdorp|Slotervaart|IJburg|Buikslotermeer|Bijlmer|
    Geuzenveld|Sloterdijk|Zeeburgereiland|Oostpoort`),
  GM0599: list(`Feijenoord|Charlois|Kralingen|IJsselmonde|Overschie|Delfshaven|
    Alexanderpolder|Hillegersberg|Prins Alexander|Pendrecht`),
  GM0014: list("Vinkhuizen|Paddepoel|Selwerd|Beijum|Lewenborg|Zernike|Hoogkerk|Corpus den Hoorn"),
  GM0307: list("Vathorst|Kattenbroek|Schothorst|Liendert|Nieuwland|Hoogland|Soesterkwartier"),
};
export const GENERIC_NEIGHBOURHOODS = [
  "Centrum",
  "Noord",
  "Oost",
  "Zuid",
  "West",
  "Stationsgebied",
  "Havenkwartier",
  "Bedrijventerrein Noord",
  "De Hoven",
  "Molenwijk",
  "Parkwijk",
  "Buitenveld",
];

export const STREETS = list(`Kerkstraat|Stationsweg|Dorpsstraat|Molenweg|Schoolstraat|
  Julianastraat|Beatrixlaan|Wilhelminastraat|Oranjestraat|Nieuwstraat|Marktstraat|Parklaan|
  Kastanjelaan|Eikenlaan|Lindenlaan|Populierenweg|Berkenlaan|Industrieweg|Havenstraat|
  Kanaalweg|Dijkstraat|Sportlaan|Tuinstraat|Rozenstraat|Vondelstraat|Rembrandtlaan|
  Vermeerstraat|Prinses Irenestraat|Koningin Julianaweg|Burgemeester de Withstraat|Hoofdstraat|
  Zandweg|Veldstraat|Akkerweg|Steenstraat|Weverstraat|Smidsstraat|Bakkerstraat|Kloosterlaan|
  Spoorlaan`);

export const HOTEL_NAMES = [
  "De Zwaan",
  "Centraal",
  "De Gouden Leeuw",
  "Het Wapen",
  "Parkzicht",
  "De Pauw",
  "Stadshotel",
  "Aan de Haven",
];
export const SHIP_NAMES = ["Rijnvaart", "Waalstroom", "Noorderlicht", "Zuiderzee", "Merwede"];

export const HOST_FAMILY_NAMES = list(`de Jong|Jansen|de Vries|van den Berg|van Dijk|Bakker|
  Janssen|Visser|Smit|Meijer|de Boer|Mulder|de Groot|Bos|Vos|Peters|Hendriks|van Leeuwen|Dekker|
  Brouwer|de Wit|Dijkstra|Smits|de Graaf|van der Meer|van der Linden|Kok|Jacobs|de Haan|
  Vermeulen`);

export const EMPLOYERS = [
  "Kassenbouw Westland B.V.",
  "Logistiek Centrum Midden B.V.",
  "Schoonmaakbedrijf De Glans B.V.",
  "Distributiecentrum Noord B.V.",
  "Vleesverwerking Oost B.V.",
  "Uitzendbureau Werkt B.V.",
  "Zorggroep De Linde",
  "Hotel en Horeca Groep B.V.",
  "Bouwbedrijf Van Dam B.V.",
  "Tuinbouw Coöperatie Zuid",
  "Gemeentelijke Schoonmaakdienst",
  "Productiebedrijf Techniek B.V.",
];
