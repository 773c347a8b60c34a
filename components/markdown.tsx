import ReactMarkdown, { defaultUrlTransform } from "react-markdown";
import remarkGfm from "remark-gfm";
import { classifyUrl } from "@/lib/markdown/url-policy";

// No raw HTML is ever rendered (react-markdown escapes it; no rehype-raw), and any URL that is not
// http(s), mailto or same-origin is dropped, so `javascript:` and `data:` links become inert text.
const urlTransform = (url: string) => {
  const cleaned = defaultUrlTransform(url);
  return classifyUrl(cleaned) === "inert" ? "" : cleaned;
};

const LINK = "text-sky-700 underline hover:text-sky-900 dark:text-sky-300";

function Link({ href, children }: { href?: string; children: React.ReactNode }) {
  const kind = classifyUrl(href ?? "");
  if (kind === "inert") return <span>{children}</span>;
  if (kind === "same-origin")
    return (
      <a href={href} className={LINK}>
        {children}
      </a>
    );
  // Another origin (`//host` included): a new tab that cannot reach back, no referrer, no ranking credit.
  const newTab = !href!.toLowerCase().startsWith("mailto:");
  return (
    <a
      href={href}
      {...(newTab ? { target: "_blank" } : {})}
      rel="noopener noreferrer nofollow"
      className={LINK}
    >
      {children}
    </a>
  );
}

export function Markdown({ children, className = "" }: { children: string; className?: string }) {
  return (
    <div className={`markdown text-sm leading-relaxed ${className}`}>
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        urlTransform={urlTransform}
        components={{
          a: ({ href, children: text }) => <Link href={href}>{text}</Link>,
          // An image from another origin would tell that host who reads the incident, and when (and the
          // CSP blocks it anyway): it becomes a link the reader may choose to follow.
          img: ({ src, alt }) => {
            const url = typeof src === "string" ? src : "";
            if (classifyUrl(url) === "same-origin")
              // eslint-disable-next-line @next/next/no-img-element -- user content of unknown size, same origin only
              return <img src={url} alt={alt ?? ""} className="max-w-full" />;
            return <Link href={url}>{alt || url || "image"}</Link>;
          },
        }}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
