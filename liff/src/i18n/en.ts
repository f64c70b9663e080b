/** The English strings, used when LINE's language is English (same keys as ja.ts). */
import { EXPIRY_NOTICE_DAYS } from '../../../core/notice-reminders.ts'
import { enTimes } from '../../../core/time-words.ts'
import type { HoldNoticeWay, PickupKind } from '../../api-types.ts'
import type { NoticeTimes } from '../notice-times.ts'
import type { Dict } from './ja.ts'

const s = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

export const en: Dict = {
  lang: 'en',
  appName: 'Library',
  skip: 'Skip to content',
  nav: {
    label: 'Menu',
    card: 'Library card',
    portal: 'My portal',
    // English breaks at its spaces.
    bar: {
      card: ['Library card'],
      portal: ['My portal'],
      search: ['Search'],
      cart: ['Hold cart'],
    },
    loans: 'Loans',
    holds: 'Holds',
    search: 'Search',
    cart: (n: number) => (n ? `Hold cart (${n})` : 'Hold cart'),
    favourites: 'Favourites',
    shelf: 'My bookshelf',
    settings: 'Settings',
  },
  loading: 'Loading…',
  retry: 'Try again',
  networkError: 'We could not connect. Please check your signal and try again.',
  liffStartFailed:
    'We could not connect to LINE. Please close this screen and open it again from the LINE menu.',
  serverError: 'We could not do that just now. Please try again in a little while.',
  expired:
    'Your sign-in has expired. Please close this screen and open it again from the LINE menu.',
  notLinkedTitle: 'Please link your account',
  notLinked:
    'This LINE account is not linked to a library patron number yet. In the chat, tap "Link your account" in the menu, then enter your patron number and web-service password.',
  expiredTitle: 'Please open again',
  accessTitle: 'Online service unavailable',
  colon: ': ',
  sep: ' · ',
  listSep: ', ',
  close: 'Close',
  // Not 'Cancel': it sits beside 'Cancel hold', and must say it keeps things as they are.
  cancel: 'Go back',
  yes: 'Yes',
  phone: (name: string) => `Call ${name}`,
  paren: [' (', ')'],
  date: 'en',
  card: {
    title: 'Library card',
    number: 'Patron number',
    name: 'Name',
    barcodeLabel: (n: string) => `Barcode for patron number ${n}`,
    copy: 'Copy number',
    copied: 'Patron number copied.',
    copyFailed: 'Could not copy. Please press and hold the number to copy it.',
    brightness: 'If the scanner cannot read it, turn up your screen brightness.',
    stale: 'Showing your card as last seen. It will update once you are online.',
    systemDown:
      "We can't reach the library's system right now. Your card is shown, but please check loans and holds again later.",
    first: 'Getting your card ready…',
  },
  portal: {
    title: 'My portal',
    hello: (name: string) => name,
    loans: (n: number, overdue: number) =>
      `${s(n, 'item')} on loan${overdue ? ` (${overdue} overdue)` : ''}`,
    holds: (n: number, ready: number) =>
      `${s(n, 'hold')}${ready ? ` (${ready} ready to collect)` : ''}`,
    overdue: (n: number) => `${s(n, 'item is', 'items are')} past the due date`,
    overdueNext:
      'Please return it soon at any library in the city (or in a book drop when closed). Overdue items cannot be renewed, and a long-overdue item stops you borrowing or reserving.',
    overdueLink: 'Check your loans',
    family: 'Other cards on this LINE account',
  },
  loans: {
    title: 'Loans',
    empty: 'You have nothing on loan at the moment.',
    due: 'Due',
    overdue: 'This item is overdue. Please return it soon.',
    renew: 'Renew',
    renewed: (date: string) => `Renewed. It is now due on ${date}.`,
    nextFrom: (date: string) => `You can renew it again from ${date}.`,
    noMore: 'This item cannot be renewed again.',
    cannot: 'Cannot be renewed',
    renewAll: 'Renew all',
    renewAllQuote: (n: number) =>
      n === 1
        ? 'Renew the 1 item that can be renewed?'
        : `Renew all ${n} items that can be renewed?`,
    renewAllNone: 'Nothing can be renewed at the moment.',
    results: 'Renewal results',
    resultOk: (from: string, to: string) => `Renewed (${from} → ${to})`,
    reasons: {
      held: 'someone is waiting for it',
      overdue: 'it is past its due date',
      ill: 'it was borrowed from another library',
      av_limit: 'CDs, DVDs and videos have no renewals left',
      cap_reached: 'it has reached the renewal limit',
      too_soon: 'it can be renewed from the day after the loan',
      no_gain: 'renewing would not move the due date',
      blocked: 'an item is long overdue',
      library_refused: "the library's system did not renew it",
    },
  },
  holds: {
    title: 'Holds',
    empty: 'You have no holds at the moment.',
    counts: (t: number, lt: number, av: number, lav: number) =>
      `${t} of ${lt} holds (CD, DVD and video: ${av} of ${lav})`,
    state: {
      waiting: 'Waiting',
      in_transit: 'In transit',
      ready: 'Ready to collect',
      collected: 'Collected',
      cancelled: 'Cancelled',
      expired: 'Not collected in time',
    },
    inLocker: 'In the locker, ready to collect',
    inLockerNote: 'It is already checked out to you, so it also appears in your loans.',
    inLockerUnwanted: (date: string) =>
      `If you no longer want it, you need not do anything: after ${date} it is returned automatically.`,
    position: (n: number) => `Place in queue: ${n}`,
    pickup: 'Pickup',
    pickupAsked: 'the place you chose when reserving',
    pickupBy: (date: string) => `Please collect by ${date}`,
    visit: 'Bookmobile visit',
    visitTime: (start: string, end: string) => `${start}–${end}`,
    readyForVisit: 'Set aside for the bookmobile visit',
    visitNext: (date: string) =>
      `If you cannot come then, please collect it at the next visit (${date}).`,
    transitTo: (place: string) => `On its way to ${place}; it can be collected once it arrives.`,
    setVolume: (v: number, of: number) => `Set hold, volume ${v} of ${of}`,
    cancel: 'Cancel hold',
    cancelQuote: (title: string) => `Cancel your hold on "${title}"?`,
    cancelled: 'Your hold has been cancelled.',
    change: 'Change pickup place',
    changeTo: 'New pickup place',
    changeSave: 'Change',
    changed: 'Pickup place changed.',
    changedSet: (n: number) => `Pickup place changed for ${n} volumes of the set.`,
    changeWhich: 'Which volumes',
    changeWhole: 'All volumes of the set not yet set aside',
    changeOne: 'Only this volume (the set is split and each volume is collected on its own)',
    changeQuote: (place: string, whole: boolean) =>
      `Change the pickup place${whole ? ' of the whole set' : ''} to ${place}?`,
    noticeOff: 'LINE notices for ready holds are turned off, so none was sent.',
    noticeFailed: 'We could not send your ready notice.',
    noticeUndeliverable:
      'We could not reach you on LINE. Please check that you have not blocked our account.',
    suspend: 'Suspend',
    suspended: (until: string) => `Suspended (until ${until})`,
    suspendedNote:
      'While suspended, a copy goes to the next person when your turn comes. You keep your place in the queue, and the hold resumes by itself the day after.',
    suspendUntil: 'Last day of the suspension',
    suspendHint: (latest: string) => `You can choose up to ${latest}.`,
    suspendSave: 'Suspend',
    suspendChange: 'Change the end date',
    suspendDone: (until: string) => `Your hold is suspended until ${until}.`,
    resume: 'Resume',
    resumed: 'Your hold has been resumed.',
  },
  search: {
    title: 'Search',
    label: 'Keywords (title, author, publisher or ISBN)',
    submit: 'Search',
    blank: 'Please type what you are looking for.',
    found: (n: number) => `${s(n, 'result')} found.`,
    none: 'Nothing found. The catalogue is in Japanese: please try the title or author in Japanese, or other words.',
    noneNumber:
      'Nothing found with this number. Please check it, or search by the title or author.',
    more: 'Next page',
    prev: 'Previous page',
    pastEnd: (pages: number) =>
      `There are no results on this page.${pages ? ` The results end on page ${pages}.` : ''}`,
    toLastPage: (n: number) => `Go to the last page (page ${n})`,
    toFirstPage: 'Go to page 1',
    counts: (copies: number, onShelf: number, _book = true) =>
      `${s(copies, 'copy', 'copies')}, ${onShelf} on the shelf`,
    countsUnknown: 'Copies: cannot be checked just now',
    down: "The library's system cannot be reached just now, so the copies and whether they are on the shelf cannot be shown. You can keep titles in the hold cart and reserve them once it is back.",
    setMark: (volumes: number) => `S: set of ${volumes} volumes`,
    year: (y: number) => String(y),
    audiobookNote: 'Audiobooks can be reserved by patrons registered for them.',
    material: {
      book: 'Book',
      magazine: 'Magazine',
      manga: 'Manga',
      kamishibai: 'Kamishibai',
      cd: 'CD',
      dvd: 'DVD',
      video: 'Video',
      audiobook: 'Audiobook (for print-disabled readers)',
    },
    notForLoan: 'Reference only',
    foundAtLeast: (n: number) => `${n.toLocaleString('en')}+ results found.`,
  },
  title: {
    holdsList: 'list of holds',
    availability: 'Copies and availability',
    queue: (n: number) => `${s(n, 'hold')} waiting`,
    down: "The library's system cannot be reached just now, so the copies, whether they are on the shelf and the hold queue cannot be shown. Please look again a little later.",
    status: {
      on_shelf: 'On the shelf',
      on_loan: 'On loan',
      in_transit: 'In transit',
      held_for_pickup: 'Held for a patron',
      not_for_loan: 'Reference only (use in the library)',
    },
    transitTo: (place: string) => `Going to ${place}`,
    returnBy: (date: string) => `due back ${date}`,
    addToCart: 'Add to hold cart',
    inCart: 'In your hold cart',
    setNote:
      'This title is one volume of a set (marked S). Put all its volumes in the cart together and we will get them ready in volume order (a set hold).',
    addSet: 'Add every volume to the cart',
    volumes: 'Volumes of this set',
    // 上・中・下 mean nothing to an English reader: say which volume it is.
    volume: (label: string, n: number) => (/^\d+$/.test(label) ? label : `${label} (vol. ${n})`),
    favAdd: 'Add to favourites',
    favRemove: 'Remove from favourites',
    wantAdd: 'Add to "Want to read"',
    wantRemove: 'Remove from "Want to read"',
    marksNote:
      'Favourites are listed under "Favourites", and want-to-read books on "My bookshelf". Only you can see them.',
    publisher: 'Publisher',
    year: 'Year',
    notFoundTitle: 'Item not found',
    notFound:
      'We could not find this item: its number may be wrong, or it may no longer be in the catalogue. Please search for it again.',
    toSearch: 'Go to search',
    offlineTitle: 'Could not connect',
    failedTitle: 'Could not show this item',
  },
  cart: {
    title: 'Hold cart',
    empty: 'Your cart is empty. Search the catalogue and add what you would like.',
    remove: 'Remove',
    setTogether: (name: string) => `"${name}" will be a set hold (ready in volume order).`,
    setMissing: (name: string, labels: string[]) =>
      labels.length > 1
        ? `Volumes ${labels.join(', ')} of "${name}" are not in the cart.`
        : `Volume ${labels.join('')} of "${name}" is not in the cart.`,
    addMissing: 'Add the other volumes',
    next: 'Choose pickup place',
  },
  pickup: {
    title: 'Pickup place',
    legend: 'Where would you like to collect it?',
    kinds: {
      library: 'Libraries',
      branch_room: 'Branch rooms',
      bookmobile: 'Bookmobile stations',
      locker: 'Pickup lockers',
    },
    locker: (days: number) =>
      `For a locker, we check the item out to you when it is ready and then put it in the locker. Please collect it within ${days === 1 ? '1 day' : `${days} days`} of the notice.`,
    next: 'Review',
    choose: 'Please choose a pickup place.',
  },
  pageNames: { holds: 'list of holds', settings: 'Settings' },
  confirm: {
    title: 'Review your holds',
    items: 'Items',
    place: 'Pickup place',
    notice: (
      n: NoticeTimes | null,
      way: HoldNoticeWay = 'line',
      lockerDays: number | null = null,
    ) =>
      way === 'email'
        ? ['We will tell you by e-mail when it is ready (not on LINE).']
        : way === 'none'
          ? [
              'With your current settings, you will not be told when it is ready.',
              ...(lockerDays === null
                ? ['Please check your list of holds.']
                : [
                    'Items are checked out to you when they are placed in the locker.',
                    `If they are not collected within ${lockerDays} days they are returned, so please check your list of holds often.`,
                  ]),
              'To be told on LINE, see "LINE notices" in Settings.',
            ]
          : n
            ? [
                `We will tell you on LINE when it is ready (at ${enTimes(lockerDays !== null ? [...n.standard, ...n.lockerAlso] : n.standard)}, Japan time).`,
              ]
            : ['We will tell you on LINE when it is ready.'],
    submit: 'Place hold',
    back: 'Back to cart',
    empty:
      'Your cart is empty, so there is nothing to reserve. Search the catalogue and add what you would like. Holds you have already placed are listed under "Holds".',
    toSearch: 'Search the catalogue',
  },
  done: {
    // 0: placed, but not read back (how many is not known here).
    title: (count: number) => (count === 1 ? 'Hold placed' : 'Holds placed'),
    noneTitle: 'Hold confirmation',
    none: 'There is no new hold to show here. The holds you have placed are listed under "Holds".',
    body: (days: number, kind: PickupKind, count: number, way: HoldNoticeWay = 'line') => {
      const it = count === 1 ? 'it' : 'them'
      const notice = way === 'line' ? 'the LINE notice' : 'the e-mail'
      if (kind === 'bookmobile')
        return way === 'none'
          ? `Please collect ${it} at the bookmobile's first visit after ${it} ${count === 1 ? 'is' : 'are'} ready, or at the one after; your holds list shows the visit.`
          : `Please collect ${it} at the bookmobile visit named in ${notice}, or at the one after.`
      return `Please collect ${it}${kind === 'locker' ? ' from the locker' : ''} within ${days === 7 ? 'a week' : `${days} days`} of ${way === 'none' ? `${it} becoming ready` : notice}.`
    },
    toHolds: 'See your holds',
    toSearch: 'Search again',
  },
  favourites: {
    title: 'Favourites',
    empty: 'You have no favourites yet.',
  },
  shelf: {
    title: 'My bookshelf',
    history: 'Books you have read (loan history)',
    optIn: 'Keep my loan history',
    optInHelp:
      'When on, books you borrow from now on are kept here. Only you can see them. Turning it off stops recording (what is kept stays until you delete it).',
    historyEmpty: 'Nothing kept yet.',
    borrowed: (date: string) => `borrowed ${date}`,
    delete: 'Delete',
    deleteQuote: (title: string) => `Delete "${title}" from your history?`,
    deleteAll: 'Delete all history',
    deleteAllQuote: 'Delete your whole loan history? This cannot be undone.',
    deleted: 'Deleted.',
    want: 'Want to read',
    wantEmpty: 'Nothing here yet. You can add titles from their detail page.',
  },
  settings: {
    title: 'Settings',
    password: 'Change password',
    current: 'Current password',
    next: 'New password',
    again: 'New password again',
    rule: (min: number, max: number) => `Use ${min} to ${max} characters.`,
    mismatch: 'The two new passwords do not match.',
    short: (min: number, max: number) => `The new password must be ${min} to ${max} characters.`,
    change: 'Change password',
    changed: 'Your password has been changed.',
    notices: 'LINE notices',
    hold_ready: 'When a hold is ready',
    overdue: 'When an item is overdue',
    saved: 'Saved.',
    unlink: 'Unlink LINE',
    unlinkHelp:
      'After unlinking, the library card and My portal no longer work in LINE and notices stop. To use them again, choose "Link your account" in the menu.',
    unlinkButton: 'Unlink',
    unlinkQuote: 'Unlink your LINE account now?',
    unlinkQuoteHolds: (emailWouldReach: boolean): string =>
      emailWouldReach
        ? 'You have holds and no confirmed e-mail address: once unlinked, we cannot tell you when they are ready (a library counter can add an e-mail address for you). Unlink your LINE account anyway?'
        : 'You have holds: once unlinked, no notice will reach you when they are ready. Unlink your LINE account anyway?',
    unlinked: 'Your LINE account has been unlinked. Thank you for using the service.',
  },
  elsewhere: {
    renew: "This library's system does not let you renew loans from LINE.",
    holds: "This library's system does not let you place holds from LINE.",
    holdChanges:
      "This library's system does not let you cancel holds or change the pickup place from LINE.",
    passwords: "This library's system does not let you register or change your password from LINE.",
    opac: "Do it on the library's website (online catalogue)",
    ask: 'Please ask at a library counter, or phone the library.',
  },
  scan: {
    button: 'Scan',
    buttonHelp: "Scan the barcode on a book's back cover (the ISBN starting with 978 or 979).",
    camera: 'Scan a barcode with the camera',
    cameraHelp: "Hold the barcode starting with 978 or 979 on the book's back cover in the frame.",
    cameraFailed: 'We could not use the camera. Please allow the camera, or type the ISBN below.',
    notRead: 'The barcode could not be read. Please try again, or type the ISBN.',
    typeLabel: 'ISBN (13 digits)',
    typeSubmit: 'Look up this number',
    close: 'Close',
    title: 'Find by ISBN',
    looking: 'Looking for the book in the library…',
    noCode:
      'This page was opened without an ISBN (the number on a book’s barcode), so there was nothing to look up. Tap Scan below to read a barcode, or use Search to find the book by its title.',
    notHeld: 'The library does not have this book',
    notHeldHelp:
      'If you would like the library to buy it, send a purchase suggestion below. The library will consider it (it may not always be possible).',
    isbn: 'ISBN',
    requestTitle: 'Purchase suggestion',
    bookTitle: 'Title (required)',
    author: 'Author',
    note: 'Note (optional)',
    send: 'Suggest this book',
    sent: 'Thank you. We have received your purchase suggestion.',
    duplicate: 'We have already received your suggestion for this book.',
    again: 'Scan another book',
  },
  noticeSettings: {
    when: (n: NoticeTimes | null) =>
      n
        ? `Notices come on LINE at ${enTimes(n.standard)}${n.lockerAlso.length ? ` (locker pickups also at ${enTimes(n.lockerAlso)})` : ''}.`
        : 'Notices come on LINE.',
    holdReadyLocked:
      'You have holds, so this notice cannot be turned off: it is now the only way we can tell you a hold is ready.',
    dueSoon: 'When a due date is near',
    dueSoonHelp:
      'Choose how many days before the due date to be reminded. Items that can be renewed can be renewed from the reminder’s buttons.',
    off: 'Off',
    daysBefore: (n: number) => `${n} day${n === 1 ? '' : 's'} before`,
    expiry: `When my registration is about to expire (${EXPIRY_NOTICE_DAYS} days ahead)`,
    dueSoonUnavailable:
      'We are sorry: this library’s system does not share due dates with this service, so due-date reminders cannot be sent on LINE. You can see your due dates under Loans.',
    expiryUnavailable:
      'We are sorry: this library’s system does not share registration expiry dates with this service, so expiry reminders cannot be sent on LINE. Any library counter can tell you the date.',
    always:
      'Messages about your account (confirming a password reset, or telling you your card was linked to another LINE account) cannot be turned off.',
  },
}
