//! Word lists the generator draws from: names in several scripts, texts, places, files.
//!
//! The lists are deliberately mixed (Latin, CJK, Thai, Arabic, Vietnamese, emoji) so the UI's
//! width handling, truncation and search are exercised by the ordinary demo data.

/// A family of names: given names, family names, whether the family name comes first when
/// displayed, and the locale facts that go with it.
pub struct Culture {
    /// Given names.
    pub given: &'static [&'static str],
    /// Family names.
    pub family: &'static [&'static str],
    /// Display as "family given" (East Asian order) instead of "given family".
    pub family_first: bool,
    /// Join given and family name without a space (Chinese, Japanese).
    pub no_space: bool,
    /// Language code.
    pub language: &'static str,
    /// IANA time zones.
    pub zones: &'static [&'static str],
    /// Telephone country code and the first digit local mobile numbers start with.
    pub phone: (&'static str, char, usize),
    /// ASCII spellings of given names for e-mail addresses (same length as `given`, or empty).
    pub ascii_given: &'static [&'static str],
}

/// All cultures; the generator picks one per contact.
pub const CULTURES: [Culture; 9] = [
    Culture {
        given: &[
            "Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Sophia", "Lucas", "Mia", "Ethan", "Chloé",
            "Zoë", "José", "Björn",
        ],
        family: &[
            "Smith",
            "Johnson",
            "Brown",
            "Taylor",
            "Martin",
            "García",
            "Müller",
            "O'Brien",
            "Nguyen-Smith",
            "Dubois",
            "Rossi",
            "Kowalski",
        ],
        family_first: false,
        no_space: false,
        language: "en",
        zones: &["Europe/London", "America/New_York", "Australia/Sydney", "Europe/Berlin"],
        phone: ("44", '7', 10),
        ascii_given: &[],
    },
    Culture {
        given: &["伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "俊杰", "美玲", "志明"],
        family: &["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"],
        family_first: true,
        no_space: true,
        language: "zh",
        zones: &["Asia/Shanghai", "Asia/Hong_Kong"],
        phone: ("86", '1', 11),
        ascii_given: &[
            "wei", "fang", "na", "min", "jing", "qiang", "lei", "yang", "yan", "junjie", "meiling", "zhiming",
        ],
    },
    Culture {
        given: &["詠欣", "家豪", "嘉欣", "志偉", "淑芬", "冠宇", "怡君", "建宏"],
        family: &["陳", "林", "黃", "張", "李", "王", "吳", "劉"],
        family_first: true,
        no_space: true,
        language: "zh-TW",
        zones: &["Asia/Taipei", "Asia/Hong_Kong"],
        phone: ("886", '9', 9),
        ascii_given: &["wingyan", "kaho", "kayan", "chiwai", "shufen", "kuanyu", "yichun", "chienhung"],
    },
    Culture {
        given: &["陽翔", "結衣", "蓮", "葵", "湊", "さくら", "ひなた", "ユウキ"],
        family: &["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村"],
        family_first: true,
        no_space: false,
        language: "ja",
        zones: &["Asia/Tokyo"],
        phone: ("81", '9', 10),
        ascii_given: &["haruto", "yui", "ren", "aoi", "minato", "sakura", "hinata", "yuuki"],
    },
    Culture {
        given: &["민준", "서연", "도윤", "지우", "하준", "서윤", "지호", "하은"],
        family: &["김", "이", "박", "최", "정", "강", "조", "윤"],
        family_first: true,
        no_space: true,
        language: "ko",
        zones: &["Asia/Seoul"],
        phone: ("82", '1', 10),
        ascii_given: &["minjun", "seoyeon", "doyun", "jiwoo", "hajun", "seoyun", "jiho", "haeun"],
    },
    Culture {
        given: &["สมชาย", "สมศรี", "ณัฐพล", "กมลชนก", "ธนากร", "พิมพ์ชนก", "อนุชา", "วราภรณ์"],
        family: &["ศรีสุข", "วงศ์ใหญ่", "แสงทอง", "บุญมา", "ทองดี", "สุขสวัสดิ์"],
        family_first: false,
        no_space: false,
        language: "th",
        zones: &["Asia/Bangkok"],
        phone: ("66", '8', 9),
        ascii_given: &[
            "somchai",
            "somsri",
            "nattapon",
            "kamonchanok",
            "thanakorn",
            "pimchanok",
            "anucha",
            "waraporn",
        ],
    },
    Culture {
        given: &["محمد", "فاطمة", "أحمد", "مريم", "علي", "نور", "يوسف", "ليلى"],
        family: &["العلي", "حداد", "الخطيب", "منصور", "السيد", "الحسن"],
        family_first: false,
        no_space: false,
        language: "ar",
        zones: &["Asia/Dubai", "Asia/Riyadh", "Africa/Cairo"],
        phone: ("971", '5', 9),
        ascii_given: &["mohammed", "fatima", "ahmed", "maryam", "ali", "noor", "youssef", "layla"],
    },
    Culture {
        given: &["Anh", "Bảo", "Châu", "Dũng", "Hương", "Khánh", "Linh", "Phương", "Quang", "Thảo"],
        family: &["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng"],
        family_first: true,
        no_space: false,
        language: "vi",
        zones: &["Asia/Saigon", "Asia/Ho_Chi_Minh"],
        phone: ("84", '9', 9),
        ascii_given: &["anh", "bao", "chau", "dung", "huong", "khanh", "linh", "phuong", "quang", "thao"],
    },
    Culture {
        given: &["Wing Yan", "Ka Ho", "Chi Ming", "Mei Ling", "Tsz Kin", "Hoi Yan"],
        family: &["Chan", "Wong", "Lee", "Cheung", "Lau", "Leung", "Ho", "Yip"],
        family_first: false,
        no_space: false,
        language: "en",
        zones: &["Asia/Hong_Kong"],
        phone: ("852", '9', 8),
        ascii_given: &[],
    },
];

/// Decorations some people put in their chat names.
pub const EMOJI: [&str; 10] = ["🌸", "🚀", "😊", "🐱", "⚽", "🎧", "✨", "🍜", "🌈", "👩‍💻"];

/// Country prefixes of iMBRACE's anonymous web-visitor names (`UNK#AB1234`).
pub const VISITOR_PREFIXES: [&str; 6] = ["UNK", "UNK", "UNK", "TWN", "VNM", "HKG"];

/// Mail domains for generated addresses.
pub const DOMAINS: [&str; 8] = [
    "gmail.com",
    "outlook.com",
    "yahoo.com.hk",
    "icloud.com",
    "example.com",
    "imbrace.co",
    "naver.com",
    "qq.com",
];

/// Agents (`u_…` ids and names) who answer conversations.
pub const AGENTS: [(&str, &str); 4] = [
    ("u_ed1ffffc-73ca-4dc3-85fc-2c7da6c87b7a", "Harris Lam"),
    ("u_71585462-0af0-4581-a72b-e82141dcb1c2", "Jane Wong"),
    ("u_3f0c2a9e-1b7d-4c55-9e0a-6d2f8b4a7c10", "Priya Nair"),
    ("u_8a6e4d21-5c3b-4f7e-a1d9-2b0c9e8f7a65", "Kenji Sato"),
];

/// Short things customers say.
pub const CONTACT_TEXTS: [&str; 18] = [
    "Hi, is anyone there?",
    "I ordered last week and nothing arrived yet 😟",
    "Can I change my delivery address?",
    "Thanks! 🙏",
    "ok",
    "What are your opening hours on Sunday?",
    "請問還有現貨嗎？",
    "我想查詢訂單狀態，訂單號碼是 HK-20931",
    "注文をキャンセルしたいです。",
    "배송이 언제 도착하나요?",
    "สวัสดีครับ สินค้ายังมีอยู่ไหมครับ",
    "مرحبا، هل يمكنني تغيير طلبي؟",
    "Cho tôi hỏi giá sản phẩm này với ạ",
    "The app keeps logging me out 😤😤",
    "👍",
    "Can you send me the invoice as PDF?",
    "Never mind, found it!",
    "Is there a discount for students? 🎓",
];

/// Short things agents say.
pub const AGENT_TEXTS: [&str; 12] = [
    "Hello! Thanks for reaching out, how can I help you today?",
    "Let me check that for you, one moment please.",
    "Your order has been shipped and should arrive within 2–3 working days.",
    "I have updated your address. Anything else?",
    "Could you share your order number?",
    "您好！我們已收到您的查詢，會盡快回覆。",
    "ご連絡ありがとうございます。確認いたします。",
    "We are open 10:00–20:00 every day, including Sunday.",
    "Sorry for the trouble 🙇 We have reset your session, please log in again.",
    "Here is the invoice you asked for.",
    "Glad I could help! Have a great day 😊",
    "ok",
];

/// Multi-paragraph messages (e-mails, long explanations) to exercise wrapping.
pub const LONG_TEXTS: [&str; 3] = [
    "Dear Support Team,\n\nI am writing to follow up on my previous request about the refund for order #58213. It has now been more than two weeks and I have not received any update, even though your website says refunds take 5–7 working days.\n\nCould you please check the status and let me know when I can expect the money back on my card?\n\nBest regards,\nA very patient customer",
    "您好，\n\n上星期我在你們的網店購買了一部咖啡機，收到後發現包裝破損，機身亦有明顯刮痕。我已經拍了照片，稍後會一併傳送。\n\n請問可以安排換貨嗎？如果需要寄回，運費由誰負責？\n\n謝謝！🙏",
    "Thanks for your patience!\n\nHere is a summary of what we changed on your account today:\n- delivery address updated\n- newsletter unsubscribed\n- loyalty points (1,250) moved to your new account\n\nIf anything looks wrong, just reply to this message and we will fix it right away.",
];

/// Places for location messages: (latitude, longitude, address).
pub const PLACES: [(f64, f64, &str); 6] = [
    (22.2819, 114.1582, "1 Queen's Road Central, Central, Hong Kong"),
    (25.0339, 121.5645, "台北101, 信義區, 台北市"),
    (35.6595, 139.7005, "渋谷スクランブル交差点, 東京都"),
    (13.7466, 100.5393, "Siam Paragon, Pathum Wan, Bangkok"),
    (10.7769, 106.7009, "Chợ Bến Thành, Quận 1, TP. Hồ Chí Minh"),
    (25.1972, 55.2744, "Burj Khalifa, Dubai"),
];

/// Files customers and agents send: (caption, extension, is image).
pub const FILES: [(&str, &str, bool); 8] = [
    ("receipt.jpg", "jpeg", true),
    ("damaged-box.png", "png", true),
    ("screenshot 2024-11-02.png", "png", true),
    ("cat.gif", "gif", true),
    ("invoice-58213.pdf", "pdf", false),
    ("warranty terms.docx", "docx", false),
    ("price-list.xlsx", "xlsx", false),
    ("voice-note.mp4", "mp4", false),
];

/// Reply-button sets for `response` messages: (question, buttons).
pub const CHOICES: [(&str, &[&str]); 4] = [
    ("Which colour would you like?", &["Red", "Blue", "White"]),
    ("Was this answer helpful?", &["Yes 👍", "No"]),
    ("What can we help you with?", &["Order status", "Returns", "Billing", "Something else"]),
    ("請選擇語言 / Choose a language", &["中文", "English", "日本語"]),
];

/// Team names notifications come from.
pub const TEAMS: [&str; 3] = ["General", "Harris Grab mode long long long long", "VIP Care"];

/// Comments agents leave on contacts.
pub const COMMENTS: [&str; 6] = [
    "VIP customer, answer within 5 minutes.",
    "Prefers to be contacted on WhatsApp after 6pm.",
    "Asked about bulk pricing twice — forward to sales.",
    "客人要求以廣東話溝通。",
    "Refund approved by finance on Monday.",
    "Do not offer the student discount again, already used.",
];
