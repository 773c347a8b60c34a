// Slack's mrkdwn reads `&`, `<` and `>` as markup (`<!channel>`, `<https://x|label>`, `<@U123>`), and
// Slack's rules say to escape exactly those three. Mattermost reads the same `text` of a Slack-format
// message as Markdown, where `@channel` / `@here` / `@all` notify everyone: a zero-width space after the
// `@` keeps the word readable but no longer a mention.
const BROADCAST = /@(channel|here|all|everyone)\b/gi;

/** Text from users or senders (titles, names, messages) as inert Slack mrkdwn. */
export const slackEscape = (text: string) =>
  text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replace(BROADCAST, "@\u200b$1");
