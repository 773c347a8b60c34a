import ReactMarkdown, { defaultUrlTransform } from "react-markdown";
import remarkGfm from "remark-gfm";

// No raw HTML is ever rendered (react-markdown escapes it; no rehype-raw), and any URL that is not
// http(s), mailto or relative is dropped, so `javascript:` links become inert text.
const SAFE_PROTOCOL = /^(https?:|mailto:|\/|#)/i;
const urlTransform = (url: string) => {
  const cleaned = defaultUrlTransform(url);
  return cleaned && SAFE_PROTOCOL.test(cleaned) ? cleaned : "";
};

export function Markdown({ children, className = "" }: { children: string; className?: string }) {
  return (
    <div className={`markdown text-sm leading-relaxed ${className}`}>
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        urlTransform={urlTransform}
        components={{
          a: ({ href, children: text }) =>
            href ? (
              <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="text-sky-700 underline hover:text-sky-900 dark:text-sky-300">
                {text}
              </a>
            ) : (
              <span>{text}</span>
            ),
        }}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
