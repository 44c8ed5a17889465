"""Read staff files as text with positions: YAML trees and Markdown front matter."""
