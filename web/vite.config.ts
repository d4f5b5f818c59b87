import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Run from the repository root: `npx vite build --config web/vite.config.ts`.
// The server (src/platform/http/server.ts) serves web/dist at / with an SPA fallback.
const webRoot = decodeURIComponent(new URL(".", import.meta.url).pathname);
const apiTarget = "http://127.0.0.1:3000";

export default defineConfig({
  root: webRoot,
  base: "/",
  plugins: [react()],
  resolve: { alias: { "@/": `${webRoot}src/` } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      output: {
        // Long-lived vendor chunks: app releases do not invalidate the library cache.
        manualChunks(id) {
          if (!id.includes("node_modules")) return undefined;
          if (/node_modules\/(react|react-dom|scheduler)\//.test(id)) return "react";
          if (id.includes("node_modules/@tanstack/")) return "tanstack";
          // The docs editor (tiptap on ProseMirror) loads with the doc page, not at start-up (its CSS stays with Mantine's).
          if (!id.endsWith(".css") && /node_modules\/(@tiptap\/|@mantine\/tiptap\/|prosemirror-|orderedmap\/|rope-sequence\/|w3c-keyname\/|linkifyjs\/)/.test(id)) return "editor";
          if (id.includes("node_modules/@mantine/") || id.includes("node_modules/@floating-ui/")) return "mantine";
          // Charts load with the pages that draw them, not at start-up.
          if (id.includes("node_modules/uplot/")) return "uplot";
          return "vendor";
        },
      },
    },
  },
  server: {
    port: 5173,
    strictPort: false,
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
      "/healthz": { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
      "/healthz": { target: apiTarget, changeOrigin: false },
    },
  },
});
