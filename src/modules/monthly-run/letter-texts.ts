/**
 * The fixed texts of the monthly decision letter (beschikking leefgeld en eigen bijdrage) in
 * Dutch, Ukrainian and English. The Dutch text is the decision; the others translate it.
 * Values arrive already formatted in the language (money, dates, months), so a text only
 * places them. The Dutch legal terms (leefgeld, eigen bijdrage, beschikking, bezwaar) stay
 * visible in every language, so a reader can match the translation to the decision.
 */

export type LetterLang = "nl" | "uk" | "en";

export interface LetterTexts {
  /** The municipality as sender, from its name ("Utrecht"): "Gemeente Utrecht" (Dutch only). */
  sender?: (gemeente: string) => string;
  /** The language's name in itself, for the translation's heading. */
  languageName: string;
  /** Above a translation: only the Dutch text is legally binding. */
  translationNote: string;
  dateLabel: string;
  referenceLabel: string;
  subject: (month: string) => string;
  salutation: (name: string) => string;
  intro: (month: string) => string;

  membersHeading: string;
  memberName: string;
  memberBirthDate: string;
  birthDateUnknown: string;

  amountsHeading: string;
  leefgeld: (month: string) => string;
  eigenBijdrage: (month: string) => string;
  correctionsBalance: string;
  offset: string;
  transfer: string;
  toCollect: string;

  correctionsHeading: string;
  correctionsNote: string;
  correctionMonth: string;
  correctionLeefgeld: string;
  correctionEigenBijdrage: string;
  correctionTotal: string;

  paymentHeading: string;
  paySepa: (amount: string, ibanMasked: string | null) => string;
  payCardOrCash: (amount: string) => string;
  payNothing: string;
  collect: (amount: string) => string;

  explanationHeading: string;
  legalBasisHeading: string;
  /** Under the legal basis in a translation: the citations are the Dutch titles. */
  legalBasisNote: string | null;

  objectionHeading: string;
  objection: (weeks: number, lastDay: string) => string;
  objectionAddress: string;
  objectionContents: string;

  closing: string;
  onBehalfOf: (gemeente: string) => string;
  page: (n: number, total: number) => string;
}

const NL_WEEKS: Record<number, string> = { 6: "zes weken" };
const UK_WEEKS: Record<number, string> = { 6: "шести тижнів" };
const EN_WEEKS: Record<number, string> = { 6: "six weeks" };

const nl: LetterTexts = {
  sender: (gemeente) => `Gemeente ${gemeente}`,
  languageName: "Nederlands",
  translationNote:
    "Vertaling ter informatie. Alleen de Nederlandse tekst van deze beschikking is rechtsgeldig.",
  dateLabel: "Datum",
  referenceLabel: "Kenmerk",
  subject: (month) => `Beschikking leefgeld en eigen bijdrage ${month}`,
  salutation: (name) => `Geachte ${name},`,
  intro: (month) =>
    `Met deze brief beslissen wij over uw leefgeld en uw eigen bijdrage over ${month}. ` +
    "Hieronder leest u wat u ontvangt, wat u betaalt en hoe wij dat hebben berekend.",

  membersHeading: "Dit besluit geldt voor uw huishouden",
  memberName: "Naam",
  memberBirthDate: "Geboortedatum",
  birthDateUnknown: "onbekend",

  amountsHeading: "Bedragen",
  leefgeld: (month) => `Leefgeld ${month}`,
  eigenBijdrage: (month) => `Eigen bijdrage ${month}`,
  correctionsBalance: "Correcties over eerdere maanden (saldo, zie hieronder)",
  offset: "Verrekend met uw leefgeld (terugvordering)",
  transfer: "Wij betalen u uit",
  toCollect: "U betaalt aan de gemeente",

  correctionsHeading: "Correcties over eerdere maanden",
  correctionsNote:
    "Een positief bedrag is in uw voordeel, een negatief bedrag in het voordeel van de gemeente.",
  correctionMonth: "Maand",
  correctionLeefgeld: "Leefgeld",
  correctionEigenBijdrage: "Eigen bijdrage",
  correctionTotal: "Totaal",

  paymentHeading: "Betaling",
  paySepa: (amount, iban) =>
    iban
      ? `Wij maken ${amount} over op rekening ${iban}.`
      : `Wij maken ${amount} over op de rekening die bij ons bekend is.`,
  payCardOrCash: (amount) => `U ontvangt ${amount} op uw betaalkaart of contant.`,
  payNothing: "Deze maand betalen wij u niets uit.",
  collect: (amount) =>
    `U moet ${amount} aan de gemeente betalen. Daarvoor ontvangt u een apart betaalverzoek.`,

  explanationHeading: "Hoe wij dit hebben berekend",
  legalBasisHeading: "Wettelijke grondslag",
  legalBasisNote: null,

  objectionHeading: "Bezwaar maken",
  objection: (weeks, lastDay) =>
    `Bent u het niet eens met dit besluit? Dan kunt u binnen ${NL_WEEKS[weeks] ?? `${weeks} weken`} ` +
    `na de dag van verzending van deze brief bezwaar maken, dus uiterlijk op ${lastDay}.`,
  objectionAddress: "Stuur uw bezwaarschrift naar:",
  objectionContents:
    "Zet in uw bezwaarschrift in elk geval uw naam en adres, de datum, het kenmerk van deze " +
    "brief, waarom u het niet eens bent met het besluit, en uw handtekening (artikel 6:5 " +
    "Algemene wet bestuursrecht). Tijdens de behandeling van uw bezwaar blijft dit besluit gelden.",

  closing: "Met vriendelijke groet,",
  onBehalfOf: (gemeente) => `namens het college van burgemeester en wethouders van ${gemeente},`,
  page: (n, total) => `pagina ${n} van ${total}`,
};

const uk: LetterTexts = {
  languageName: "Українська",
  translationNote:
    "Переклад для інформації. Юридичну силу має лише текст цього рішення (beschikking) нідерландською мовою.",
  dateLabel: "Дата",
  referenceLabel: "Реєстраційний номер (kenmerk)",
  subject: (month) =>
    `Рішення (beschikking) щодо коштів на проживання (leefgeld) та власного внеску (eigen bijdrage) за ${month}`,
  salutation: (name) => `Добрий день, ${name}!`,
  intro: (month) =>
    `Цим листом ми ухвалюємо рішення за ${month} щодо ваших коштів на проживання (leefgeld) ` +
    "і вашого власного внеску (eigen bijdrage). Нижче зазначено, що ви отримуєте, що " +
    "сплачуєте і як ми це розрахували.",

  membersHeading: "Це рішення стосується вашого домогосподарства",
  memberName: "Ім’я та прізвище",
  memberBirthDate: "Дата народження",
  birthDateUnknown: "невідома",

  amountsHeading: "Суми",
  leefgeld: (month) => `Кошти на проживання (leefgeld) за ${month}`,
  eigenBijdrage: (month) => `Власний внесок (eigen bijdrage) за ${month}`,
  correctionsBalance: "Перерахунок за попередні місяці (сальдо, див. нижче)",
  offset: "Утримано з коштів на проживання (повернення переплати)",
  transfer: "Ми виплачуємо вам",
  toCollect: "Ви сплачуєте муніципалітету",

  correctionsHeading: "Перерахунок за попередні місяці",
  correctionsNote: "Додатна сума — на вашу користь, від’ємна — на користь муніципалітету.",
  correctionMonth: "Місяць",
  correctionLeefgeld: "Leefgeld",
  correctionEigenBijdrage: "Eigen bijdrage",
  correctionTotal: "Разом",

  paymentHeading: "Платежі",
  paySepa: (amount, iban) =>
    iban
      ? `Ми перерахуємо ${amount} на рахунок ${iban}.`
      : `Ми перерахуємо ${amount} на ваш банківський рахунок, зазначений у наших даних.`,
  payCardOrCash: (amount) => `Ви отримаєте ${amount} на платіжну картку або готівкою.`,
  payNothing: "Цього місяця ми нічого вам не виплачуємо.",
  collect: (amount) =>
    `Ви маєте сплатити муніципалітету ${amount}. Для цього ви отримаєте окремий запит на оплату.`,

  explanationHeading: "Як ми це розрахували",
  legalBasisHeading: "Правова підстава",
  legalBasisNote: "Назви нормативних актів наведено нідерландською мовою.",

  objectionHeading: "Заперечення (bezwaar)",
  objection: (weeks, lastDay) =>
    "Якщо ви не згодні з цим рішенням, ви можете подати заперечення (bezwaar) протягом " +
    `${UK_WEEKS[weeks] ?? `${weeks} тижнів`} від дня, наступного за днем надсилання цього ` +
    // The date ends in "р." already: no second full stop.
    `листа, тобто не пізніше ${lastDay.endsWith(".") ? lastDay : `${lastDay}.`}`,
  objectionAddress: "Надішліть заперечення за адресою:",
  objectionContents:
    "У запереченні обов’язково зазначте ваше ім’я та адресу, дату, реєстраційний номер " +
    "(kenmerk) цього листа, чому ви не згодні з рішенням, і поставте свій підпис (стаття 6:5 " +
    "Загального закону про адміністративне право, Awb). Поки заперечення розглядається, це " +
    "рішення залишається чинним.",

  closing: "З повагою",
  onBehalfOf: (gemeente) =>
    `від імені колегії бургомістра й олдерменів (college van burgemeester en wethouders) муніципалітету ${gemeente}`,
  page: (n, total) => `сторінка ${n} з ${total}`,
};

const en: LetterTexts = {
  languageName: "English",
  translationNote:
    "Translation for your information. Only the Dutch text of this decision (beschikking) is legally binding.",
  dateLabel: "Date",
  referenceLabel: "Reference (kenmerk)",
  subject: (month) => `Decision (beschikking) on leefgeld and eigen bijdrage for ${month}`,
  salutation: (name) => `Dear ${name},`,
  intro: (month) =>
    `With this letter we decide on your leefgeld (living allowance) and your eigen bijdrage ` +
    `(own contribution) for ${month}. Below you can read what you receive, what you pay and ` +
    "how we calculated it.",

  membersHeading: "This decision applies to your household",
  memberName: "Name",
  memberBirthDate: "Date of birth",
  birthDateUnknown: "unknown",

  amountsHeading: "Amounts",
  leefgeld: (month) => `Leefgeld for ${month}`,
  eigenBijdrage: (month) => `Eigen bijdrage for ${month}`,
  correctionsBalance: "Corrections for earlier months (balance, see below)",
  offset: "Offset against your leefgeld (recovery)",
  transfer: "We pay you",
  toCollect: "You pay the municipality",

  correctionsHeading: "Corrections for earlier months",
  correctionsNote:
    "A positive amount is in your favour, a negative amount in the municipality's favour.",
  correctionMonth: "Month",
  correctionLeefgeld: "Leefgeld",
  correctionEigenBijdrage: "Eigen bijdrage",
  correctionTotal: "Total",

  paymentHeading: "Payment",
  paySepa: (amount, iban) =>
    iban
      ? `We will transfer ${amount} to account ${iban}.`
      : `We will transfer ${amount} to the bank account we have on record.`,
  payCardOrCash: (amount) => `You will receive ${amount} on your payment card or in cash.`,
  payNothing: "We pay you nothing this month.",
  collect: (amount) =>
    `You must pay ${amount} to the municipality. You will receive a separate payment request for it.`,

  explanationHeading: "How we calculated this",
  legalBasisHeading: "Legal basis",
  legalBasisNote: "The regulations are cited by their Dutch titles.",

  objectionHeading: "Objection (bezwaar)",
  objection: (weeks, lastDay) =>
    "If you do not agree with this decision, you can object (bezwaar maken) within " +
    `${EN_WEEKS[weeks] ?? `${weeks} weeks`} after the day this letter was sent, that is no ` +
    `later than ${lastDay}.`,
  objectionAddress: "Send your objection to:",
  objectionContents:
    "Your objection must at least state your name and address, the date, the reference " +
    "(kenmerk) of this letter and why you disagree with the decision, and it must be signed " +
    "(article 6:5 of the General Administrative Law Act, Awb). While your objection is being " +
    "handled, this decision remains in force.",

  closing: "Kind regards,",
  onBehalfOf: (gemeente) =>
    `on behalf of the Municipal Executive (college van burgemeester en wethouders) of ${gemeente},`,
  page: (n, total) => `page ${n} of ${total}`,
};

export const LETTER_TEXTS: Readonly<Record<LetterLang, LetterTexts>> = { nl, uk, en };
