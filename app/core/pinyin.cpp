#include "pinyin.h"

#include <QList>

#include <QMutex>
#include <QMutexLocker>

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>

namespace pos {

namespace {

// Creating the transliterator parses ICU rule data (milliseconds): do it once.
// ICU transliterators are not thread-safe, hence the lock.
struct HanLatin
{
    QMutex lock;
    std::unique_ptr<icu::Transliterator> transliterator;

    HanLatin()
    {
        UErrorCode status = U_ZERO_ERROR;
        transliterator.reset(icu::Transliterator::createInstance(
            "Han-Latin; Latin-ASCII", UTRANS_FORWARD, status));
        if (U_FAILURE(status))
            transliterator.reset();
    }
};

HanLatin &hanLatin()
{
    static HanLatin instance;
    return instance;
}

bool isHan(char32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)
           || (c >= 0x20000 && c <= 0x2EBEF) || (c >= 0xF900 && c <= 0xFAFF);
}

QString transliterate(const QString &han)
{
    HanLatin &h = hanLatin();
    QMutexLocker locker(&h.lock);
    if (!h.transliterator)
        return {};
    icu::UnicodeString u(reinterpret_cast<const UChar *>(han.utf16()), int32_t(han.size()));
    h.transliterator->transliterate(u);
    return QString(reinterpret_cast<const QChar *>(u.getBuffer()), u.length());
}

} // namespace

QString pinyinOf(const QString &text)
{
    return transliterate(text).simplified();
}

QString pinyinInitials(const QString &text)
{
    QString initials;
    const QList<uint> codepoints = text.toUcs4();
    qsizetype i = 0;
    while (i < codepoints.size()) {
        const char32_t c = codepoints[i];
        if (isHan(c)) {
            // A run of Han characters is transliterated together (ICU can use context);
            // each resulting syllable gives one initial.
            QList<uint> run;
            while (i < codepoints.size() && isHan(codepoints[i]))
                run.append(codepoints[i++]);
            const QString syllables
                = transliterate(QString::fromUcs4(reinterpret_cast<const char32_t *>(run.constData()),
                                                  run.size()));
            for (const QStringView syllable : QStringView(syllables).split(u' ', Qt::SkipEmptyParts)) {
                if (syllable.front().isLetter())
                    initials.append(syllable.front().toUpper());
            }
        } else if (c < 0x80 && QChar::isLetterOrNumber(c)) {
            initials.append(QChar(c).toUpper());
            while (i < codepoints.size() && codepoints[i] < 0x80 && QChar::isLetterOrNumber(codepoints[i]))
                ++i;
        } else {
            ++i;
        }
    }
    return initials;
}

} // namespace pos
