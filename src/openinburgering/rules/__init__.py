"""The legal rules of Open Inburgering as data and pure functions.

Every number, term and allowed combination lives here once, with its source, the date from
which it applies and whether it was verified against the primary text. Nothing in this
package imports Django or any app of the project: it can be read, tested and reviewed alone.
"""
