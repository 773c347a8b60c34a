import next from "eslint-config-next";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

const config = [
  ...next,
  ...nextTs,
  // Formatting is Prettier's (checked by `prettier --check` in npm test's lint stage), not ESLint's.
  prettier,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      ".data/**",
      ".test-data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      "db/migrations/**",
    ],
  },
  {
    // Layering: pages, components and route handlers go through lib/, never the database directly.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@/db",
                "@/db/*",
                "**/db/*",
                "drizzle-orm",
                "drizzle-orm/*",
                "postgres",
                "@electric-sql/pglite",
              ],
              message: "Only lib/ talks to the database; call a lib/ function instead.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
