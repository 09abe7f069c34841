import { unsafeCSS } from "lit";
import hostCss from "../shared/host.css?minified";
import launcherCss from "../shared/launcher.css?minified";
import chatCss from "./chat.css?minified";

/** The launcher's rules come from the same files the loader uses, so swapping its button for ours changes nothing visible. */
export const chatStyles = unsafeCSS(hostCss + launcherCss + chatCss); // build-time stylesheets, never visitor input
